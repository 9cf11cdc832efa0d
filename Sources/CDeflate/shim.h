#include <libdeflate.h>
#include <stddef.h>

/* PNG row filtering for PNGWriter (libdeflate compresses the result; PNGWriter writes the
   chunks). Here in C because the loops run over every byte of every frame. */

/* Filter types of the PNG specification (section 9.2), the first byte of each scanline. */
enum { LESSON_PNG_NONE = 0, LESSON_PNG_SUB = 1, LESSON_PNG_UP = 2, LESSON_PNG_AVERAGE = 3, LESSON_PNG_PAETH = 4 };

/* The Paeth predictor of the PNG specification: whichever of a (left), b (above) and
   c (above left) is nearest to a + b - c, ties going to a, then b. */
static inline unsigned char lesson_png_paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = p > a ? p - a : a - p, pb = p > b ? p - b : b - p, pc = p > c ? p - c : c - p;
    return (unsigned char)((pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c));
}

/* Filters scanline `row` (3n bytes of RGB, n = width) in place with `type`, `above` being the
   previous scanline's RGB bytes (NULL for the first row, which the specification treats as
   zeros). Works from the end of the row to its start, so each byte's left neighbours are
   still the unfiltered ones when it is reached. */
static inline void lesson_png_filter_row(unsigned char *row, const unsigned char *above, size_t n, int type) {
    switch (type) {
    case LESSON_PNG_SUB:
        for (size_t i = n; i-- > 3;) row[i] = (unsigned char)(row[i] - row[i - 3]);
        break;
    case LESSON_PNG_UP:
        if (above) for (size_t i = 0; i < n; i++) row[i] = (unsigned char)(row[i] - above[i]);
        break;
    case LESSON_PNG_AVERAGE:
        for (size_t i = n; i-- > 0;) {
            int a = i >= 3 ? row[i - 3] : 0, b = above ? above[i] : 0;
            row[i] = (unsigned char)(row[i] - ((a + b) >> 1));
        }
        break;
    case LESSON_PNG_PAETH:
        for (size_t i = n; i-- > 0;) {
            int a = i >= 3 ? row[i - 3] : 0, b = above ? above[i] : 0, c = (above && i >= 3) ? above[i - 3] : 0;
            row[i] = (unsigned char)(row[i] - lesson_png_paeth(a, b, c));
        }
        break;
    default:
        break;
    }
}

/* The sum of |filtered byte| (bytes read as signed) that `type` would give `row`: the
   heuristic of the PNG specification (section 12.8) for choosing a filter per row. */
static inline unsigned long lesson_png_filter_cost(const unsigned char *row, const unsigned char *above, size_t n, int type) {
    unsigned long sum = 0;
    for (size_t i = 0; i < n; i++) {
        int a = i >= 3 ? row[i - 3] : 0, b = above ? above[i] : 0, c = (above && i >= 3) ? above[i - 3] : 0;
        int predicted = type == LESSON_PNG_SUB ? a : type == LESSON_PNG_UP ? b
                      : type == LESSON_PNG_AVERAGE ? (a + b) >> 1 : type == LESSON_PNG_PAETH ? lesson_png_paeth(a, b, c) : 0;
        signed char v = (signed char)(unsigned char)(row[i] - predicted);
        sum += (unsigned long)(v < 0 ? -v : v);
    }
    return sum;
}

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <tmmintrin.h>

/* Whether this processor has SSSE3 (CPUID leaf 1, ECX bit 9). Asked once a frame: one
   instruction, and no state shared between the threads that encode. */
static inline int lesson_png_has_ssse3(void) {
    unsigned int a, b, c, d;
    return __get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSSE3) ? 1 : 0;
}

/* Writes the RGB bytes of the first pixels of a row of B, G, R, X words, four at a time
   with one byte shuffle (12 bytes kept of each 16-byte store, which never reaches past the
   row's 3 × width bytes); returns how many pixels it wrote, the rest being left to the
   byte loop. About five times faster than that loop on a 1280-pixel row (issue 15). */
__attribute__((target("ssse3")))
static inline int lesson_png_rgb_ssse3(const unsigned char *source, int width, unsigned char *rgb) {
    const __m128i order = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    int x = 0;
    for (; 3 * x + 16 <= 3 * width; x += 4) {
        __m128i words = _mm_loadu_si128((const __m128i *)(source + 4 * x));
        _mm_storeu_si128((__m128i *)(rgb + 3 * x), _mm_shuffle_epi8(words, order));
    }
    return x;
}
#else
static inline int lesson_png_has_ssse3(void) { return 0; }
static inline int lesson_png_rgb_ssse3(const unsigned char *source, int width, unsigned char *rgb) {
    (void)source; (void)width; (void)rgb; return 0;
}
#endif

/* Writes the scanlines of an 8-bit RGB PNG into `out` (height × (1 + 3 × width) bytes): each
   row of Cairo's ARGB32 words (native-endian, so B, G, R, X bytes on a little-endian machine:
   `bgrx` = 1; X, R, G, B on a big-endian one: `bgrx` = 0; rows `stride` bytes apart) becomes
   its filter type byte and its filtered RGB bytes. `type` is one filter for every row, or
   -1 to choose per row the filter of smallest `lesson_png_filter_cost` among `candidates`
   (a bit mask: 1 << LESSON_PNG_NONE | 1 << LESSON_PNG_UP, ...). The RGB rows are written
   first, then filtered from the last row up, so the row above is still unfiltered when a
   row needs it and no other buffer is used. */
static inline void lesson_png_scanlines(const unsigned char *pixels, int width, int height, size_t stride, int bgrx,
                                        int type, int candidates, unsigned char *out) {
    const size_t n = (size_t)width * 3, line = n + 1;
    const int r = bgrx ? 2 : 1, g = bgrx ? 1 : 2, b = bgrx ? 0 : 3;
    const int shuffle = bgrx && lesson_png_has_ssse3();
    for (int y = 0; y < height; y++) {
        const unsigned char *source = pixels + (size_t)y * stride;
        unsigned char *rgb = out + (size_t)y * line + 1;
        int x = shuffle ? lesson_png_rgb_ssse3(source, width, rgb) : 0;
        for (; x < width; x++) {
            rgb[3 * x] = source[4 * x + r];
            rgb[3 * x + 1] = source[4 * x + g];
            rgb[3 * x + 2] = source[4 * x + b];
        }
    }
    for (int y = height; y-- > 0;) {
        unsigned char *row = out + (size_t)y * line + 1;
        const unsigned char *above = y > 0 ? row - line : NULL;
        int chosen = type;
        if (type < 0) {
            unsigned long best = (unsigned long)-1;
            chosen = LESSON_PNG_NONE;
            for (int t = LESSON_PNG_NONE; t <= LESSON_PNG_PAETH; t++) {
                if (!(candidates & (1 << t))) continue;
                unsigned long cost = lesson_png_filter_cost(row, above, n, t);
                if (cost < best) { best = cost; chosen = t; }
            }
        }
        lesson_png_filter_row(row, above, n, chosen);
        row[-1] = (unsigned char)chosen;
    }
}
