#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* libpng's full writing API reports errors by longjmp, which must not cross Swift frames; so
   the one function that writes a PNG lives here in C, with its setjmp, and Swift calls it.
   Since issue 15 `lesson` writes its PNGs with libdeflate (CDeflate, PNGWriter); this writer
   is the baseline lesson-bench measures that one against (LibpngWriter). */

/* The bytes of a PNG being written: grown with realloc, freed by lesson_png_buffer_free. */
typedef struct {
    unsigned char *data;
    size_t size;
    size_t capacity;
    int failed;
    /* libpng's sentence when it refused to write (empty otherwise). */
    char message[200];
} lesson_png_buffer;

/* Keeps libpng's error in the buffer (instead of printing it) and jumps back to the setjmp. */
static void lesson_png_error(png_structp png, png_const_charp message) {
    lesson_png_buffer *buffer = (lesson_png_buffer *)png_get_error_ptr(png);
    strncpy(buffer->message, message, sizeof buffer->message - 1);
    buffer->message[sizeof buffer->message - 1] = 0;
    png_longjmp(png, 1);
}

static void lesson_png_warning(png_structp png, png_const_charp message) { (void)png; (void)message; }

static void lesson_png_append(png_structp png, png_bytep bytes, size_t count) {
    lesson_png_buffer *buffer = (lesson_png_buffer *)png_get_io_ptr(png);
    if (buffer->failed) return;
    if (buffer->size + count > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity * 2 : 65536;
        while (capacity < buffer->size + count) capacity *= 2;
        unsigned char *data = (unsigned char *)realloc(buffer->data, capacity);
        if (!data) { buffer->failed = 1; strcpy(buffer->message, "out of memory"); return; }
        buffer->data = data;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->size, bytes, count);
    buffer->size += count;
}

static void lesson_png_flush(png_structp png) { (void)png; }

static inline void lesson_png_buffer_free(lesson_png_buffer *buffer) {
    free(buffer->data);
    buffer->data = NULL;
    buffer->size = buffer->capacity = 0;
}

/* Writes an 8-bit RGB PNG of Cairo's ARGB32 rows (native-endian words, so B, G, R, X bytes on
   a little-endian machine: `bgrx` = 1; X, R, G, B on a big-endian one: `bgrx` = 0): libpng
   drops the fourth byte and reorders each row as it writes it. `filters` is png_set_filter's
   mask (PNG_FILTER_NONE, PNG_FILTER_UP, ...), `level` and `strategy` zlib's. Returns 1 and the
   file in `out`, or 0 (and `out` may hold a partial file, still to be freed). The chunks are
   IHDR, sRGB, IDAT and IEND only: no time or text, so the bytes depend only on the pixels. */
static inline int lesson_png_write_rgb(const unsigned char *pixels, int width, int height, size_t stride,
                                       int bgrx, int filters, int level, int strategy, lesson_png_buffer *out) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, out, lesson_png_error, lesson_png_warning);
    if (!png) return 0;
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        return 0;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return 0;
    }
    png_set_write_fn(png, out, lesson_png_append, lesson_png_flush);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, filters);
    png_set_compression_level(png, level);
    png_set_compression_strategy(png, strategy);
    /* Cairo's samples are sRGB; the chunk says so, as libpng's simplified API writes it. */
    png_set_sRGB(png, info, PNG_sRGB_INTENT_PERCEPTUAL);
    png_write_info(png, info);
    /* One RGB row at a time (libpng's own filler and BGR transforms cost 1.4× this loop). */
    unsigned char *row = (unsigned char *)malloc((size_t)width * 3);
    if (!row) {
        strcpy(out->message, "out of memory");
        png_destroy_write_struct(&png, &info);
        return 0;
    }
    const int r = bgrx ? 2 : 1, g = bgrx ? 1 : 2, b = bgrx ? 0 : 3;
    for (int y = 0; y < height; y++) {
        const unsigned char *source = pixels + (size_t)y * stride;
        for (int x = 0; x < width; x++) {
            row[3 * x] = source[4 * x + r];
            row[3 * x + 1] = source[4 * x + g];
            row[3 * x + 2] = source[4 * x + b];
        }
        png_write_row(png, row);
    }
    free(row);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return !out->failed;
}
