namespace MiaRepro.Data;

/// <summary>
/// Texas-100 (Shokri et al. 2017, Texas Department of State Health Services' hospital discharge data): 67,330 patients,
/// 6,169 binary features, 100 classes (the most frequent procedures). Two files: <c>feats</c> (one row of 0/1 per record)
/// and <c>labels</c> (one class 1..100 per line). Held as float32, the features take ≈ 1.7 GB.
/// </summary>
public static class Texas100
{
    public const int Classes = 100;

    public static Dataset Load(string dataRoot)
    {
        var info = DatasetCatalog.Texas100;
        var feats = DatasetFiles.Read(info, info.Files[0], dataRoot);
        var labels = DatasetFiles.Read(info, info.Files[1], dataRoot);
        return FromBytes(feats.Bytes, labels.Bytes, DatasetFiles.Combine([feats.Sha256, labels.Sha256]));
    }

    /// <summary>The records of a <c>feats</c> and a <c>labels</c> file's bytes (tests pass small ones).</summary>
    public static Dataset FromBytes(byte[] feats, byte[] labels, string sha256)
    {
        var (features, rows, columns) = IntegerCsv.Parse(feats, "texas100/feats");
        var (classes, labelRows, labelColumns) = IntegerCsv.Parse(labels, "texas100/labels");
        if (labelColumns != 1) throw new DatasetException($"texas100/labels has {labelColumns} fields per line: expected one class per line.");
        if (labelRows != rows) throw new DatasetException($"texas100/feats has {rows} rows but texas100/labels {labelRows}: the files do not belong together. Delete them and download texas100 again.");
        return BinaryFeatureRecords.Create("texas100", features, rows, columns, classes, Classes, sha256, "texas100/feats");
    }
}
