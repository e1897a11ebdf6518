using System.Globalization;
using static TorchSharp.torch;

namespace MiaRepro.Data;

/// <summary>
/// UCI Adult (census income). Label: income &gt;50K. The 6 numeric columns are standardized with the train set's
/// mean and std; the 8 categorical columns are one-hot over the categories seen in adult.data. A missing value "?"
/// gets no column of its own (all zeros in that group) and the row is kept: this gives the 105 features whose
/// count matches Preeti &amp; Khan's printed model summary (108 with a "?" column, 104 with such rows dropped).
/// A test-set category unseen in training is likewise all zeros.
/// </summary>
public static class Adult
{
    static readonly int[] NumericColumns = [0, 2, 4, 10, 11, 12];
    static readonly int[] CategoricalColumns = [1, 3, 5, 6, 7, 8, 9, 13];
    const int LabelColumn = 14;

    public static Dataset Load(string dataRoot)
    {
        var info = DatasetCatalog.Adult;
        var files = info.Files.Select(f => DatasetFiles.Read(info, f, dataRoot)).ToList();
        var trainRows = Rows(files[0].Bytes, "adult.data");
        var testRows = Rows(files[1].Bytes, "adult.test");

        var categories = CategoricalColumns.Select(c =>
            trainRows.Select(r => r[c]).Where(v => v != "?").Distinct().Order(StringComparer.Ordinal).ToList()).ToList();
        var numeric = trainRows.Select(r => NumericColumns.Select(c => double.Parse(r[c], CultureInfo.InvariantCulture)).ToArray()).ToList();
        var mean = NumericColumns.Select((_, j) => numeric.Average(r => r[j])).ToArray();
        var std = NumericColumns.Select((_, j) => Math.Sqrt(numeric.Average(r => (r[j] - mean[j]) * (r[j] - mean[j])))).ToArray();

        LabelledData Encode(List<string[]> rows)
        {
            var width = NumericColumns.Length + categories.Sum(c => c.Count);
            var x = new float[rows.Count * width];
            var y = new long[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var o = i * width;
                for (var j = 0; j < NumericColumns.Length; j++)
                    x[o++] = (float)((double.Parse(row[NumericColumns[j]], CultureInfo.InvariantCulture) - mean[j]) / std[j]);
                for (var g = 0; g < CategoricalColumns.Length; g++)
                {
                    var k = categories[g].IndexOf(row[CategoricalColumns[g]]);
                    if (k >= 0) x[o + k] = 1;
                    o += categories[g].Count;
                }
                y[i] = row[LabelColumn].TrimEnd('.') == ">50K" ? 1 : 0;
            }
            return new(tensor(x, [rows.Count, width]), tensor(y), 2);
        }

        return new("adult", Encode(trainRows), Encode(testRows), DatasetFiles.Combine(files.Select(f => f.Sha256)));
    }

    static List<string[]> Rows(byte[] bytes, string file)
    {
        var rows = new List<string[]>();
        var lineNo = 0;
        foreach (var line in System.Text.Encoding.ASCII.GetString(bytes).Split('\n'))
        {
            lineNo++;
            if (line.Length == 0 || line.StartsWith('|')) continue;   // blank tail, adult.test's banner
            var fields = line.Split(',').Select(f => f.Trim()).ToArray();
            if (fields.Length != 15)
                throw new DatasetException($"{file} line {lineNo} has {fields.Length} fields, expected 15: the file is not the official UCI Adult file.");
            rows.Add(fields);
        }
        return rows;
    }
}
