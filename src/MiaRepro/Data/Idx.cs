using System.Buffers.Binary;
using static TorchSharp.torch;

namespace MiaRepro.Data;

/// <summary>The IDX format of MNIST and Fashion-MNIST (raw or .gz): big-endian magic 2051 for images, 2049 for labels.</summary>
public static class Idx
{
    public static Dataset LoadMnist(string dataRoot) => Load(DatasetCatalog.Mnist, dataRoot);
    public static Dataset LoadFashionMnist(string dataRoot) => Load(DatasetCatalog.FashionMnist, dataRoot);

    static Dataset Load(DatasetInfo info, string dataRoot)
    {
        var files = info.Files.Select(f => DatasetFiles.Read(info, f, dataRoot)).ToList();
        var train = new LabelledData(Images(files[0].Bytes, info.Files[0]), Labels(files[1].Bytes, info.Files[1]), 10);
        var test = new LabelledData(Images(files[2].Bytes, info.Files[2]), Labels(files[3].Bytes, info.Files[3]), 10);
        return new(info.Name, train, test, DatasetFiles.Combine(files.Select(f => f.Sha256)));
    }

    static Tensor Images(byte[] bytes, DatasetFile file)
    {
        Expect(bytes, 2051, file);
        int n = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4)), rows = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8)),
            cols = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(12));
        return tensor(bytes[16..], [n, 1, rows, cols]);
    }

    static Tensor Labels(byte[] bytes, DatasetFile file)
    {
        Expect(bytes, 2049, file);
        return tensor(bytes[8..]).to(int64);
    }

    static void Expect(byte[] bytes, int magic, DatasetFile file)
    {
        var found = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (found != magic)
            throw new DatasetException($"'{file.RelativePath}' starts with IDX magic {found}, expected {magic}: it is not the file its name says.");
    }
}
