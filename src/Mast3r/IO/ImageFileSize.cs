using System.Buffers.Binary;

namespace Mast3r.IO;

/// <summary>
/// The pixel size stored in a JPEG (first SOF segment) or PNG (IHDR) header, read without decoding the image. This
/// is the size PIL's <c>Image.size</c> reports (EXIF orientation is not applied), which the dust3r_visloc readers
/// use as W, H of a map image's 3-D data.
/// </summary>
internal static class ImageFileSize
{
    private static ReadOnlySpan<byte> PngSignature => new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };

    public static (int Width, int Height) Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"image {path} does not exist", path);
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        Span<byte> head = stackalloc byte[24];
        int n = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (n >= 24 && head[..8].SequenceEqual(PngSignature))
            return (BinaryPrimitives.ReadInt32BigEndian(head[16..]), BinaryPrimitives.ReadInt32BigEndian(head[20..]));
        if (n >= 2 && head[0] == 0xFF && head[1] == 0xD8)
        {
            s.Position = 2;
            return Jpeg(s, path);
        }
        throw new InvalidDataException($"{path}: neither a JPEG nor a PNG file");
    }

    // Walks the marker segments up to the first start-of-frame (SOF0–SOF15 except DHT C4, JPG C8, DAC CC).
    private static (int, int) Jpeg(Stream s, string path)
    {
        Span<byte> seg = stackalloc byte[7];
        while (true)
        {
            int b = s.ReadByte();
            if (b < 0) break;
            if (b != 0xFF) throw new InvalidDataException($"{path}: corrupt JPEG header (byte {s.Position - 1} is not a marker)");
            int marker;
            do marker = s.ReadByte(); while (marker == 0xFF);
            if (marker < 0) break;
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) continue; // stand-alone markers
            if (marker is 0xD9 or 0xDA) break;                      // end of image / start of scan before any frame
            if (s.ReadAtLeast(seg[..2], 2, throwOnEndOfStream: false) < 2) break;
            int length = BinaryPrimitives.ReadUInt16BigEndian(seg);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (s.ReadAtLeast(seg[2..], 5, throwOnEndOfStream: false) < 5) break;
                return (BinaryPrimitives.ReadUInt16BigEndian(seg[5..]), BinaryPrimitives.ReadUInt16BigEndian(seg[3..]));
            }
            s.Seek(length - 2, SeekOrigin.Current);
        }
        throw new InvalidDataException($"{path}: JPEG header without a frame size (SOF) segment");
    }
}
