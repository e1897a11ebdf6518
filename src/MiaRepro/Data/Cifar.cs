using static TorchSharp.torch;

namespace MiaRepro.Data;

/// <summary>CIFAR-10/100 "binary version": fixed-size records of label byte(s) then 1024 R, 1024 G, 1024 B pixels.</summary>
public static class Cifar
{
    /// <summary>CIFAR-10: data_batch_1..5 are the train set, test_batch the test set.</summary>
    public static Dataset LoadCifar10(string dataRoot)
    {
        var info = DatasetCatalog.Cifar10;
        var files = info.Files.Select(f => DatasetFiles.Read(info, f, dataRoot)).ToList();
        var train = Decode(files.Take(5).Select(f => f.Bytes), labelBytes: 1, labelOffset: 0, classes: 10);
        var test = Decode([files[5].Bytes], labelBytes: 1, labelOffset: 0, classes: 10);
        return new("cifar10", train, test, DatasetFiles.Combine(files.Select(f => f.Sha256)));
    }

    /// <summary>CIFAR-100 with its 100 fine labels (each record: coarse label, fine label, pixels).</summary>
    public static Dataset LoadCifar100(string dataRoot)
    {
        var info = DatasetCatalog.Cifar100;
        var files = info.Files.Select(f => DatasetFiles.Read(info, f, dataRoot)).ToList();
        var train = Decode([files[0].Bytes], labelBytes: 2, labelOffset: 1, classes: 100);
        var test = Decode([files[1].Bytes], labelBytes: 2, labelOffset: 1, classes: 100);
        return new("cifar100", train, test, DatasetFiles.Combine(files.Select(f => f.Sha256)));
    }

    static LabelledData Decode(IEnumerable<byte[]> batches, int labelBytes, int labelOffset, int classes)
    {
        const int pixels = 3 * 32 * 32;
        var record = labelBytes + pixels;
        var all = batches.ToList();
        var n = all.Sum(b => b.Length / record);
        var images = new byte[(long)n * pixels];
        var labels = new long[n];
        var i = 0;
        foreach (var batch in all)
            for (var offset = 0; offset < batch.Length; offset += record, i++)
            {
                labels[i] = batch[offset + labelOffset];
                Buffer.BlockCopy(batch, offset + labelBytes, images, i * pixels, pixels);
            }
        return new(tensor(images, [n, 3, 32, 32]), tensor(labels), classes);
    }
}
