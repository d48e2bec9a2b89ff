import CPNG

@testable import FaceVision

/// Builds PNG files for the tests: with libpng's simplified writer, and with
/// a tiny hand-written encoder for what that writer cannot produce exactly
/// (16-bit alpha, low bit depths, Adam7 interlacing, chosen chunks).
enum PNGFixtures {
    /// Writes `buffer` (bytes, or 16-bit samples with `PNG_FORMAT_FLAG_LINEAR`)
    /// with png_image_write_to_memory.
    static func write<Sample>(
        _ buffer: [Sample], width: Int, height: Int, format: UInt32, colormap: [UInt8]? = nil
    ) -> [UInt8] {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = format
        image.colormap_entries = UInt32((colormap?.count ?? 0) / 3)
        var size: png_alloc_size_t = 0
        let write = { (memory: UnsafeMutableRawPointer?) -> Int32 in
            buffer.withUnsafeBytes { pixels in
                png_image_write_to_memory(&image, memory, &size, 0, pixels.baseAddress, 0, colormap)
            }
        }
        precondition(write(nil) != 0, "png_image_write_to_memory could not size the image")
        var output = [UInt8](repeating: 0, count: Int(size))
        let status = output.withUnsafeMutableBytes { write($0.baseAddress) }
        precondition(status != 0, "png_image_write_to_memory failed")
        return Array(output[0..<Int(size)])
    }

    /// A PNG of any colour type and bit depth; `sample(x, y)` gives the
    /// channel values of each pixel at that bit depth. Filter type 0 and
    /// stored (uncompressed) deflate blocks keep the encoder a few lines long.
    static func raw(
        width: Int, height: Int, colorType: UInt8, bitDepth: UInt8, interlaced: Bool = false,
        chunksBeforeData: [(String, [UInt8])] = [], sample: (Int, Int) -> [Int]
    ) -> [UInt8] {
        let ihdr = u32(width) + u32(height) + [bitDepth, colorType, 0, 0, interlaced ? 1 : 0]
        let passes: [(x0: Int, y0: Int, dx: Int, dy: Int)] =
            interlaced
            ? [
                (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
                (0, 1, 1, 2),
            ]
            : [(0, 0, 1, 1)]
        var scanlines = [UInt8]()
        for pass in passes {
            let columns = Array(stride(from: pass.x0, to: width, by: pass.dx))
            for y in stride(from: pass.y0, to: height, by: pass.dy) where !columns.isEmpty {
                scanlines.append(0)
                scanlines += pack(columns.flatMap { sample($0, y) }, bitDepth: Int(bitDepth))
            }
        }
        var file = ImageFormat.pngSignature + chunk("IHDR", ihdr)
        for (type, data) in chunksBeforeData {
            file += chunk(type, data)
        }
        return file + chunk("IDAT", zlibStored(scanlines)) + chunk("IEND", [])
    }

    /// One chunk: length, type, data, CRC.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return u32(data.count) + body + u32(Int(PNGChunks.crc32(body, range: 0..<body.count)))
    }

    /// `png` with its IHDR size replaced and the IHDR CRC recomputed.
    static func rewritingSize(of png: [UInt8], width: Int, height: Int) -> [UInt8] {
        var bytes = png
        bytes.replaceSubrange(16..<24, with: u32(width) + u32(height))
        bytes.replaceSubrange(29..<33, with: u32(Int(PNGChunks.crc32(bytes, range: 12..<29))))
        return bytes
    }

    /// `png` with `chunk` inserted right after IHDR.
    static func inserting(_ chunk: [UInt8], into png: [UInt8]) -> [UInt8] {
        Array(png[0..<33]) + chunk + Array(png[33...])
    }

    static func u32(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// Packs samples MSB first: several per byte below 8 bits, two bytes each
    /// at 16 bits.
    private static func pack(_ samples: [Int], bitDepth: Int) -> [UInt8] {
        if bitDepth == 16 { return samples.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }
        if bitDepth == 8 { return samples.map { UInt8($0) } }
        var bytes = [UInt8]()
        var bit = 0
        for value in samples {
            if bit == 0 { bytes.append(0) }
            bytes[bytes.count - 1] |= UInt8(value << (8 - bitDepth - bit))
            bit = (bit + bitDepth) % 8
        }
        return bytes
    }

    /// A zlib stream of stored blocks, with its Adler-32 trailer.
    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var stream: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            let final: UInt8 = offset + count == data.count ? 1 : 0
            stream += [
                final, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF),
                UInt8(~count >> 8 & 0xFF),
            ]
            stream += data[offset..<offset + count]
            offset += count
        } while offset < data.count
        var (a, b) = (1, 0)
        for byte in data {
            a = (a + Int(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return stream + u32(b << 16 | a)
    }
}
