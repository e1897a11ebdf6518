using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using MiaRepro.IO;

namespace MiaRepro.Outputs;

/// <summary>
/// NumPy .npy files (format 1.0 written, 1.0 and 2.0 read), little-endian, C order, for
/// '&lt;f4' float, '&lt;f8' double, '&lt;i8' long, '&lt;i4' int and '|b1' bool: the same files open with <c>numpy.load</c>.
/// </summary>
public static class Npy
{
    /// <summary>What to do with a damaged stored file: outputs are derived data, so make them again.</summary>
    public const string Fix = "re-create it with `miarepro run <claim>` or delete the folder that holds it";

    /// <summary>The numpy dtype string for an element type; throws for types .npy files here do not carry.</summary>
    public static string Descr<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? "<f4"
        : typeof(T) == typeof(double) ? "<f8"
        : typeof(T) == typeof(long) ? "<i8"
        : typeof(T) == typeof(int) ? "<i4"
        : typeof(T) == typeof(bool) ? "|b1"
        : throw new NotSupportedException($"No .npy dtype for {typeof(T).Name}: use float, double, long, int or bool.");

    /// <summary>Writes <paramref name="data"/> with <paramref name="shape"/> atomically (a reader never sees half a file).</summary>
    public static void Write<T>(string path, long[] shape, T[] data) where T : unmanaged
    {
        RequireLittleEndian();
        var count = ElementCount(shape, path);
        if (count != data.Length)
            throw new ArgumentException($"Shape {NpyHeader.FormatShape(shape)} holds {count} elements but {data.Length} were given for {path}.");
        var header = new NpyHeader(Descr<T>(), FortranOrder: false, shape).Encode();
        AtomicFile.Write(path, temp =>
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write);
            stream.Write(header);
            stream.Write(MemoryMarshal.AsBytes(data.AsSpan()));
        });
    }

    /// <summary>Reads a .npy file, checking magic, version, header, dtype and that its length is exactly header + data.</summary>
    public static NpyArray<T> Read<T>(string path) where T : unmanaged
    {
        RequireLittleEndian();
        if (!File.Exists(path)) throw new OutputStoreException($"{path} does not exist; {Fix}.");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
        var (header, dataOffset) = ReadHeader(stream, path);
        var expected = Descr<T>();
        if (header.Descr != expected)
            throw new OutputStoreException($"{path} holds dtype '{header.Descr}' but '{expected}' ({typeof(T).Name}) was expected; {Fix}.");
        if (header.FortranOrder)
            throw new OutputStoreException($"{path} is in Fortran order; only C order is read. Save it with numpy.ascontiguousarray, or {Fix}.");
        var count = ElementCount(header.Shape, path);
        // Unsafe.SizeOf, not Marshal.SizeOf: the latter says 4 for bool, whose array elements (and .npy items) are 1 byte.
        var expectedBytes = dataOffset + count * (long)Unsafe.SizeOf<T>();
        if (stream.Length != expectedBytes)
            throw new OutputStoreException(
                $"{path} is {(stream.Length < expectedBytes ? "truncated" : "over-long")}: its header says {NpyHeader.FormatShape(header.Shape)} " +
                $"'{header.Descr}', so {expectedBytes} bytes are expected, but the file has {stream.Length} bytes; {Fix}.");
        if (count > Array.MaxLength)
            throw new OutputStoreException($"{path} holds {count} elements, more than one array can; split it.");
        var data = new T[count];
        stream.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan()));
        return new NpyArray<T>(header.Shape, data);
    }

    /// <summary>The dtype string of a .npy file's header (e.g. '&lt;i8'), so a reader that accepts several can choose.</summary>
    public static string DescrOf(string path)
    {
        if (!File.Exists(path)) throw new OutputStoreException($"{path} does not exist; {Fix}.");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
        return ReadHeader(stream, path).Header.Descr;
    }

    static (NpyHeader Header, long DataOffset) ReadHeader(FileStream stream, string path)
    {
        Span<byte> preamble = stackalloc byte[12];
        if (stream.Length < 10) throw Truncated(path, 10, stream.Length);
        stream.ReadExactly(preamble[..8]);
        if (!preamble[..6].SequenceEqual(NpyHeader.Magic))
            throw new OutputStoreException($"{path} is not a NumPy .npy file (it does not start with \\x93NUMPY); {Fix}.");
        var major = preamble[6];
        int lengthBytes = major switch
        {
            1 => 2,
            2 => 4,
            _ => throw new OutputStoreException($"{path} is .npy format version {major}.{preamble[7]}; only 1.0 and 2.0 are read. Save it with numpy.save, or {Fix}."),
        };
        if (stream.Length < 8 + lengthBytes) throw Truncated(path, 8 + lengthBytes, stream.Length);
        stream.ReadExactly(preamble.Slice(8, lengthBytes));
        long headerLength = lengthBytes == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(preamble.Slice(8, 2))
            : BinaryPrimitives.ReadUInt32LittleEndian(preamble.Slice(8, 4));
        var dataOffset = 8 + lengthBytes + headerLength;
        if (stream.Length < dataOffset) throw Truncated(path, dataOffset, stream.Length);
        var text = new byte[headerLength];
        stream.ReadExactly(text);
        var header = NpyHeader.Parse(Encoding.Latin1.GetString(text))
            ?? throw new OutputStoreException($"{path} has a malformed .npy header (need 'descr', 'fortran_order' and 'shape'); {Fix}.");
        return (header, dataOffset);
    }

    static OutputStoreException Truncated(string path, long atLeast, long actual) =>
        new($"{path} is truncated: its .npy header needs at least {atLeast} bytes, but the file has {actual} bytes; {Fix}.");

    static long ElementCount(long[] shape, string path)
    {
        try
        {
            return shape.Aggregate(1L, (n, d) => d < 0 ? throw new ArgumentException($"Negative dimension in {NpyHeader.FormatShape(shape)} for {path}.") : checked(n * d));
        }
        catch (OverflowException)
        {
            throw new OutputStoreException($"{path} declares shape {NpyHeader.FormatShape(shape)}, too large to hold; {Fix}.");
        }
    }

    static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException(".npy files here are little-endian and this machine is not.");
    }
}
