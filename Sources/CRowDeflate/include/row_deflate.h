#ifndef LESSON_ROW_DEFLATE_H
#define LESSON_ROW_DEFLATE_H

#include <stddef.h>
#include <stdint.h>

/* A deflate encoder (RFC 1951) for image scanlines, written for PNGWriter (issue 15).

   Figures are mostly flat colour, rules and antialiased text, and most of their bytes repeat
   the byte before, the pixel before, or the pixel straight above. A general compressor finds
   those matches by hashing every byte (libdeflate 1.14 spent about 1.8 ns on each byte of a
   1280×720 frame, 64 % of `lesson figures`' CPU). This one looks at those three distances
   first, and at the distance of the previous match, comparing eight bytes at a time; only
   where none of them runs further than its own end does it look up a hash of the next four
   bytes (one entry per hash, no chains). A match found at a position is weighed against one
   found at the next (one step of lazy matching). The literals and matches of each stretch of
   8192 are written as one block with its own Huffman codes (lengths limited to 15 bits),
   or stored raw where that is smaller.

   On 152 frames of `lesson figures` this measured 1.8 ms a frame and 0.0689 bytes a pixel,
   against libdeflate's 5.6 ms and 0.0733 at level 4 and 6.6 ms and 0.0697 at level 6
   (`lesson-bench png` prints the comparison on drawn frames). Its proof: PNGWriterTests and
   RowDeflateTests decode what it writes with libpng and zlib. */

/* What the encoder keeps between calls: its hash table and the block being gathered. */
struct lesson_row_deflate;

/* A new encoder's memory (about 160 KB), or NULL when out of memory. */
struct lesson_row_deflate *lesson_row_deflate_alloc(void);

void lesson_row_deflate_free(struct lesson_row_deflate *encoder);

/* The most bytes `lesson_row_deflate_compress` writes for `count` bytes of input. */
size_t lesson_row_deflate_bound(size_t count);

/* Compresses `count` bytes of `input` into `output` (at least `lesson_row_deflate_bound(count)`
   bytes) as one raw deflate stream, and returns how many bytes it wrote. `line` is the distance
   from a byte to the one straight below it (a PNG scanline with its filter byte: 1 + 3 × width
   for RGB), `pixel` the bytes of one pixel (3 for RGB); any values give a correct stream, these
   give a small one. The same input gives the same bytes on every run and every machine. */
size_t lesson_row_deflate_compress(struct lesson_row_deflate *encoder, const uint8_t *input, size_t count,
                                   size_t line, size_t pixel, uint8_t *output);

#endif
