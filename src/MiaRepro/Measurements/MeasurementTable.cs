using System.Globalization;
using System.Text;
using MiaRepro.IO;

namespace MiaRepro.Measurements;

/// <summary>
/// The long table of measurements: rows are validated as they are added (the unit is the metric's project-wide one,
/// the value finite) and written as CSV (RFC 4180 quoting, invariant culture, round-trip numbers, LF line ends), one
/// column per <see cref="Facet"/> any row sets (in <see cref="Facet.All"/>'s order, between defense and metric; "" where
/// a row does not set it).
/// </summary>
public sealed class MeasurementTable
{
    public const string FileName = "measurements.csv";
    static readonly string[] Leading = ["paper", "claim", "variant", "seed", "target", "attack", "defense"];
    static readonly string[] Trailing = ["metric", "value", "unit"];

    readonly List<Measurement> rows = [];

    public IReadOnlyList<Measurement> Rows => rows;

    public MeasurementTable Add(Measurement m)
    {
        var unit = MetricUnits.Of(m.Metric);
        if (m.Unit != unit)
            throw new ArgumentException($"{m.Metric} is in '{unit}' project-wide, not '{m.Unit}' ({m.Paper}/{m.Claim} {m.Variant} {m.Attack}).");
        if (!double.IsFinite(m.Value))
            throw new ArgumentException($"{m.Paper}/{m.Claim} {m.Variant} {m.Attack} {m.Metric}: value {m.Value} is not finite.");
        rows.Add(m);
        return this;
    }

    public MeasurementTable AddRange(IEnumerable<Measurement> measurements)
    {
        foreach (var m in measurements) Add(m);
        return this;
    }

    public string ToCsv()
    {
        var facets = Facet.All.Where(f => rows.Any(m => m.Facets[f.Name].Length > 0)).Select(f => f.Name).ToArray();
        var text = new StringBuilder();
        text.Append(string.Join(',', [.. Leading, .. facets, .. Trailing])).Append('\n');
        foreach (var m in rows)
        {
            string[] fields = [m.Paper, m.Claim, m.Variant, m.Seed?.ToString(CultureInfo.InvariantCulture) ?? "", m.Target, m.Attack, m.Defense,
                .. facets.Select(f => m.Facets[f]), m.Metric, m.Value.ToString("R", CultureInfo.InvariantCulture), m.Unit];
            text.Append(string.Join(',', fields.Select(Quote))).Append('\n');
        }
        return text.ToString();
    }

    public void Write(string path) => AtomicFile.WriteAllText(path, ToCsv());

    public static MeasurementTable Read(string path) => Parse(File.ReadAllText(path));

    public static MeasurementTable Parse(string csv)
    {
        var records = CsvRecords.Parse(csv);
        var header = records.Count == 0 ? [] : records[0];
        var facetCount = header.Count - Leading.Length - Trailing.Length;
        if (facetCount < 0 || !header.Take(Leading.Length).SequenceEqual(Leading) || !header.TakeLast(Trailing.Length).SequenceEqual(Trailing))
            throw new FormatException($"Not a measurements table: the header must be {string.Join(',', Leading)},<facets>,{string.Join(',', Trailing)}.");
        var facets = header.Skip(Leading.Length).Take(facetCount).Select(name => Facet.Named(name)
            ?? throw new FormatException($"measurements.csv column '{name}' is no facet: known facets are {string.Join(", ", Facet.All.Select(f => f.Name))}.")).ToArray();
        var table = new MeasurementTable();
        foreach (var f in records.Skip(1))
        {
            if (f.Count != header.Count) throw new FormatException($"A measurements row has {f.Count} fields, not {header.Count}: {string.Join(',', f)}");
            var values = FacetValues.None;
            for (var i = 0; i < facets.Length; i++)
                if (f[Leading.Length + i] is { Length: > 0 } v) values = values.With(facets[i], v);
            var t = Leading.Length + facetCount;
            table.Add(new(f[0], f[1], f[2], f[3] == "" ? null : int.Parse(f[3], CultureInfo.InvariantCulture), f[4], f[5], f[6], f[t],
                double.Parse(f[t + 1], NumberStyles.Float, CultureInfo.InvariantCulture), f[t + 2]) { Facets = values });
        }
        return table;
    }

    // Quoted only when needed, so most rows stay plain to the eye and to grep.
    static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
