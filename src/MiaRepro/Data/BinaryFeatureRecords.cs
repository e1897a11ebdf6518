using static TorchSharp.torch;

namespace MiaRepro.Data;

/// <summary>
/// Purchase-100 and Texas-100 (Shokri et al. 2017): records of binary features with a class 1..100, and no official
/// train/test split. Every record is in the "train" part (papers draw targets, non-members and shadow pools from one
/// pool: split parts from "train" are disjoint); the "test" part is empty.
/// </summary>
public static class BinaryFeatureRecords
{
    /// <summary>The records as a dataset: <paramref name="features"/> [rows × columns] must be 0/1, labels 1..classes
    /// (stored 0-based).</summary>
    public static Dataset Create(string name, float[] features, int rows, int columns, float[] labels, int classes, string sha256, string file)
    {
        if (labels.Length != rows) throw new DatasetException($"{name}: {rows} feature rows but {labels.Length} labels: the files do not belong together. Delete them and download {name} again.");
        for (long i = 0; i < features.LongLength; i++)
            if (features[i] is not (0f or 1f))
                throw new DatasetException($"{file} row {i / columns + 1} feature {i % columns + 1} is {features[i]}, not 0 or 1: {name}'s features are binary; the file is not the official one.");
        var y = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            if (labels[i] is < 1 || labels[i] > classes)
                throw new DatasetException($"{name} record {i + 1} has class {labels[i]}, outside 1..{classes}: the file is not the official one.");
            y[i] = (long)labels[i] - 1;
        }
        var train = new LabelledData(tensor(features, [rows, columns]), tensor(y), classes);
        var test = new LabelledData(zeros([0, columns], float32), zeros([0], int64), classes);
        return new(name, train, test, sha256);
    }
}
