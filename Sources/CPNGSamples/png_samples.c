#include "png_samples.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/* The PNG in memory, read from front to back. */
struct source { const uint8_t *data; size_t size, offset; };

/* Where libpng's error sentence goes. */
struct failure { char *message; size_t capacity; };

static void read_bytes(png_structp png, png_bytep out, size_t count) {
    struct source *source = png_get_io_ptr(png);
    if (count > source->size - source->offset) png_error(png, "the file ends before the image does");
    memcpy(out, source->data + source->offset, count);
    source->offset += count;
}

static void on_error(png_structp png, png_const_charp text) {
    struct failure *failure = png_get_error_ptr(png);
    if (failure && failure->capacity > 0) {
        strncpy(failure->message, text, failure->capacity - 1);
        failure->message[failure->capacity - 1] = 0;
    }
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp text) { (void)png; (void)text; }

int lesson_png_read_rgba16(const uint8_t *data, size_t size, uint32_t width, uint32_t height, uint16_t *rgba,
                           char *message, size_t capacity) {
    struct source source = { data, size, 0 };
    struct failure failure = { message, capacity };
    if (capacity > 0) message[0] = 0;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &failure, on_error, on_warning);
    if (!png) { if (capacity > 0) strncpy(message, "libpng could not start (out of memory)", capacity - 1); return 0; }
    png_infop info = png_create_info_struct(png);
    png_bytep *volatile rows = NULL;
    if (!info || setjmp(png_jmpbuf(png))) {
        if (!info && capacity > 0) strncpy(message, "libpng could not start (out of memory)", capacity - 1);
        free((void *)rows);
        png_destroy_read_struct(&png, info ? &info : NULL, NULL);
        return 0;
    }
    png_set_read_fn(png, &source, read_bytes);
    png_read_info(png, info);
    if (png_get_image_width(png, info) != width || png_get_image_height(png, info) != height)
        png_error(png, "the image's size changed between two readings");
    png_set_expand(png);          /* palette to RGB, gray below 8 bits to 8, tRNS to alpha */
    png_set_expand_16(png);       /* every sample to 16 bits (v → v·257) */
    png_set_gray_to_rgb(png);
    png_set_add_alpha(png, 0xFFFF, PNG_FILLER_AFTER); /* opaque where the image has no alpha */
    int little = 1;
    if (*(unsigned char *)&little) png_set_swap(png); /* PNG stores 16-bit samples big-endian */
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != (size_t)width * 8) png_error(png, "the rows did not become 16-bit RGBA");
    rows = malloc(sizeof(png_bytep) * height);
    if (!rows) png_error(png, "out of memory for the row pointers");
    for (uint32_t y = 0; y < height; y++) rows[y] = (png_bytep)(rgba + (size_t)y * width * 4);
    png_read_image(png, rows);
    png_read_end(png, NULL);
    free((void *)rows);
    png_destroy_read_struct(&png, &info, NULL);
    return 1;
}
