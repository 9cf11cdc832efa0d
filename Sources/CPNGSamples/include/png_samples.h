#ifndef LESSON_PNG_SAMPLES_H
#define LESSON_PNG_SAMPLES_H

#include <stddef.h>
#include <stdint.h>

/* Reads a PNG's samples as they are stored, for PNGCodec (image-filters' pictures).

   libpng's simplified API hands 16-bit samples of an image with alpha premultiplied by alpha
   and rounded to 16 bits, which loses up to 65535/(2α) of a sample: a gray+alpha pixel then
   reads one level off the rule `lesson` documents (v/257, then composited over white). This
   reads with libpng's low-level API instead (its errors caught here with setjmp, which Swift
   cannot do): palette, gray and low bit depths expanded, a tRNS colour key made alpha, every
   sample widened to 16 bits, nothing premultiplied. */

/* Decodes the `size` bytes of PNG at `data`, which must be `width` × `height` pixels, into
   `rgba` (width × height × 4 samples: red, green, blue, alpha, each 0…65535, straight alpha,
   row by row). Returns 1, or 0 with libpng's sentence in `message` (at most `capacity` bytes
   with its terminating zero). */
int lesson_png_read_rgba16(const uint8_t *data, size_t size, uint32_t width, uint32_t height, uint16_t *rgba,
                           char *message, size_t capacity);

#endif
