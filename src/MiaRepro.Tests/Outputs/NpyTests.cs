using MiaRepro.Outputs;
using NUnit.Framework;

namespace MiaRepro.Tests.Outputs;

/// <summary>.npy files as numpy writes and reads them, and clear errors for damaged ones.</summary>
[TestFixture]
public sealed class NpyTests
{
    /// <summary>np.save(f, np.arange(6, dtype='&lt;f4').reshape(2, 3)) with numpy 1.24 (Debian python3-numpy): 128-byte header + 24 data bytes.</summary>
    const string NumpyArange6Float32 =
        "934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c2033292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a000000000000803f0000004000004040000080400000a040";

    static void RoundTrip<T>(long[] shape, T[] data) where T : unmanaged
    {
        using var t = TestEnvironment.Temp();
        var path = t["a.npy"];
        Npy.Write(path, shape, data);
        var back = Npy.Read<T>(path);
        Assert.That(back.Shape, Is.EqualTo(shape));
        Assert.That(back.Data, Is.EqualTo(data));
    }

    [Test]
    public void ReadWrite_Float32_RoundTrips() => RoundTrip([2, 3], new[] { 1.5f, -2f, float.MaxValue, float.Epsilon, 0f, -0.125f });

    [Test]
    public void ReadWrite_Float64_RoundTrips() => RoundTrip([3], new[] { Math.PI, -1e300, double.Epsilon });

    [Test]
    public void ReadWrite_Int64_RoundTrips() => RoundTrip([2, 2], new[] { long.MinValue, 0L, 1L, long.MaxValue });

    [Test]
    public void ReadWrite_Int32_RoundTrips() => RoundTrip([1, 2, 2], new[] { int.MinValue, -1, 7, int.MaxValue });

    [Test]
    public void ReadWrite_Bool_RoundTrips() => RoundTrip([2, 3], new[] { true, false, false, true, true, false });

    [Test]
    public void ReadWrite_EmptyArray_RoundTrips() => RoundTrip([0, 4], Array.Empty<float>());

    [TestCase(new long[] { 2, 3 })]
    [TestCase(new long[] { 7 })]
    [TestCase(new long[] { 100000, 2, 10 })]
    public void Write_AnyShape_HeaderStartsWithMagicAndIs64ByteAligned(long[] shape)
    {
        using var t = TestEnvironment.Temp();
        var path = t["a.npy"];
        Npy.Write(path, shape, new bool[shape.Aggregate(1L, (a, b) => a * b)]);
        var bytes = File.ReadAllBytes(path);
        Assert.That(bytes[..6], Is.EqualTo(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' }));
        Assert.That(bytes[6..8], Is.EqualTo(new byte[] { 1, 0 }));
        var headerEnd = 10 + BitConverter.ToUInt16(bytes, 8);
        Assert.That(headerEnd % 64, Is.Zero);
        Assert.That(bytes[headerEnd - 1], Is.EqualTo((byte)'\n'));
    }

    [Test]
    public void Write_Float32Of2By3_MatchesNumpyBytesExactly()
    {
        using var t = TestEnvironment.Temp();
        var path = t["a.npy"];
        Npy.Write(path, [2, 3], new[] { 0f, 1f, 2f, 3f, 4f, 5f });
        Assert.That(Convert.ToHexStringLower(File.ReadAllBytes(path)), Is.EqualTo(NumpyArange6Float32));
    }

    [Test]
    public void Read_NumpyWrittenBytes_GivesTheArray()
    {
        using var t = TestEnvironment.Temp();
        File.WriteAllBytes(t["a.npy"], Convert.FromHexString(NumpyArange6Float32));
        var a = Npy.Read<float>(t["a.npy"]);
        Assert.That(a.Shape, Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(a.Data, Is.EqualTo(new[] { 0f, 1f, 2f, 3f, 4f, 5f }));
    }

    [Test]
    public void Read_Version2Header_GivesTheArray()
    {
        using var t = TestEnvironment.Temp();
        // Format 2.0: a 4-byte header length after the version; the header itself is as in 1.0.
        var v1 = Convert.FromHexString(NumpyArange6Float32);
        var header = v1[10..128];
        var v2 = new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0 }
            .Concat(BitConverter.GetBytes((uint)header.Length)).Concat(header).Concat(v1[128..]).ToArray();
        File.WriteAllBytes(t["a.npy"], v2);
        Assert.That(Npy.Read<float>(t["a.npy"]).Data, Is.EqualTo(new[] { 0f, 1f, 2f, 3f, 4f, 5f }));
    }

    [Test]
    public void Read_TruncatedFile_NamesFileAndByteCounts()
    {
        using var t = TestEnvironment.Temp();
        var path = t["logits.npy"];
        File.WriteAllBytes(path, Convert.FromHexString(NumpyArange6Float32)[..150]);
        var e = Assert.Throws<OutputStoreException>(() => Npy.Read<float>(path))!;
        Assert.That(e.Message, Does.Contain(path).And.Contain("truncated").And.Contain("152").And.Contain("150").And.Contain("miarepro run"));
    }

    [Test]
    public void Read_TruncatedInsideHeader_NamesFile()
    {
        using var t = TestEnvironment.Temp();
        var path = t["logits.npy"];
        File.WriteAllBytes(path, Convert.FromHexString(NumpyArange6Float32)[..60]);
        var e = Assert.Throws<OutputStoreException>(() => Npy.Read<float>(path))!;
        Assert.That(e.Message, Does.Contain(path).And.Contain("truncated").And.Contain("128").And.Contain("60"));
    }

    [Test]
    public void Read_OverLongFile_NamesFileAndByteCounts()
    {
        using var t = TestEnvironment.Temp();
        var path = t["logits.npy"];
        File.WriteAllBytes(path, [.. Convert.FromHexString(NumpyArange6Float32), 0, 0, 0, 0]);
        var e = Assert.Throws<OutputStoreException>(() => Npy.Read<float>(path))!;
        Assert.That(e.Message, Does.Contain(path).And.Contain("over-long").And.Contain("152").And.Contain("156"));
    }

    [Test]
    public void Read_NotNpy_SaysSo()
    {
        using var t = TestEnvironment.Temp();
        File.WriteAllText(t["a.npy"], "{\"not\": \"numpy\"}");
        var e = Assert.Throws<OutputStoreException>(() => Npy.Read<float>(t["a.npy"]))!;
        Assert.That(e.Message, Does.Contain(t["a.npy"]).And.Contain("not a NumPy .npy file"));
    }

    [Test]
    public void Read_OtherDtype_NamesBothDtypes()
    {
        using var t = TestEnvironment.Temp();
        Npy.Write(t["a.npy"], [2], new[] { 1.0, 2.0 });
        var e = Assert.Throws<OutputStoreException>(() => Npy.Read<float>(t["a.npy"]))!;
        Assert.That(e.Message, Does.Contain("'<f8'").And.Contain("'<f4'"));
    }
}
