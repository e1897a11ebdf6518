namespace MiaRepro.Data;

/// <summary>
/// Purchase-100 (Shokri et al. 2017, from Kaggle's "Acquire Valued Shoppers"): 197,324 customers, 600 binary features
/// (bought the item or not), 100 classes. One file, <c>dataset_purchase</c>: each row is the class (1..100) then the 600 features.
/// </summary>
public static class Purchase100
{
    public const int Classes = 100;

    public static Dataset Load(string dataRoot)
    {
        var info = DatasetCatalog.Purchase100;
        var (bytes, sha) = DatasetFiles.Read(info, info.Files[0], dataRoot);
        return FromBytes(bytes, DatasetFiles.Combine([sha]));
    }

    /// <summary>The records of a <c>dataset_purchase</c> file's bytes (tests pass a small one).</summary>
    public static Dataset FromBytes(byte[] bytes, string sha256)
    {
        var (values, rows, columns) = IntegerCsv.Parse(bytes, "dataset_purchase");
        if (columns < 2) throw new DatasetException($"dataset_purchase has {columns} field per row: expected the class then the features.");
        var features = new float[(long)rows * (columns - 1)];
        var labels = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            labels[i] = values[(long)i * columns];
            Array.Copy(values, (long)i * columns + 1, features, (long)i * (columns - 1), columns - 1);
        }
        return BinaryFeatureRecords.Create("purchase100", features, rows, columns - 1, labels, Classes, sha256, "dataset_purchase");
    }
}
