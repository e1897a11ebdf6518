using MiaRepro.Experiments;
using System.Text.Json;
using MiaRepro.Measurements;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments.Measurements;

/// <summary>Every committed result's metrics.json, read as `miarepro measurements` reads it.</summary>
[TestFixture]
public sealed class CommittedMeasurementsTests
{
    static IEnumerable<TestCaseData> Committed()
    {
        var results = Path.Combine(TestEnvironment.Settings.Root, "results");
        return MeasurementFiles.MetricsFiles(results).Select(p => new TestCaseData(p).SetArgDisplayNames(Path.GetRelativePath(results, Path.GetDirectoryName(p)!)));
    }

    [TestCaseSource(nameof(Committed))]
    public void Extract_CommittedMetrics_YieldsRowsMatchingTheCommittedCsv(string metricsPath)
    {
        var folder = Path.GetDirectoryName(metricsPath)!;
        using var doc = JsonDocument.Parse(File.ReadAllText(metricsPath));
        var rows = MeasurementExtractor.Extract(doc.RootElement, MeasurementFiles.RunSeeds(folder));
        Assert.That(rows, Is.Not.Empty);
        // The committed measurements.csv is derived from this metrics.json: regenerate it when either changes.
        var csv = Path.Combine(folder, MeasurementTable.FileName);
        if (File.Exists(csv)) Assert.That(MeasurementTable.Read(csv).Rows, Is.EqualTo(rows));
    }

    [Test]
    public void Committed_AllResults_AucInPercentEverywhere()
    {
        var results = Path.Combine(TestEnvironment.Settings.Root, "results");
        var auc = MeasurementFiles.MetricsFiles(results).SelectMany(p =>
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(p));
            return MeasurementExtractor.Extract(doc.RootElement, MeasurementFiles.RunSeeds(Path.GetDirectoryName(p)!)).Where(m => m.Metric == "auc").ToList();
        }).ToList();
        Assert.That(auc, Is.Not.Empty);
        // An AUC below 10% would be a [0, 1] value left unconverted (no attack here is that far below chance).
        Assert.That(auc.Select(m => m.Value), Is.All.InRange(10.0, 100.0));
    }
}
