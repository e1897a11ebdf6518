using MiaRepro.Report;
using MiaRepro.Experiments;
using MiaRepro.Training;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments;

public sealed class ModelOriginTests
{
    static TrainingProvenance On(string device, string? cuda, string commit, int day) =>
        new(device, "2.10.0", cuda, "machine", commit, new DateTimeOffset(2026, 11, day, 10, 0, 0, TimeSpan.Zero));

    [Test]
    public void Of_ModelsFromTwoMachines_CountsEachDeviceCommitAndDay()
    {
        var origins = ModelOrigin.Of([
            On("cuda:0 (NVIDIA H200)", "13.0", "4e4ef63a1b2c3d4e5f", 27), On("cuda:0 (NVIDIA H200)", "13.0", "4e4ef63a1b2c3d4e5f", 27),
            On("cpu", null, "abc1234-dirty", 28),
        ]);
        Assert.That(origins.Select(o => o.ToString()), Is.EqualTo(new[]
        {
            "2 models trained on cuda:0 (NVIDIA H200) (CUDA 13.0, 2026-11-27, 4e4ef63a1b2c)",
            "1 model trained on cpu (2026-11-28, abc1234-dirty)",
        }));
    }

    [Test]
    public void Report_RunWithModelOrigins_PrintsWhereModelsWereTrainedAndWhereAttacksRan()
    {
        using var t = TestEnvironment.Temp();
        var dir = t["smoke/p/c"];
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "metrics.json"), """{ "paper": "p", "claim": "c", "title": "T", "testName": "P_C", "outcome": { "verdict": "holds", "passed": true, "lines": [] } }""");
        File.WriteAllText(Path.Combine(dir, "run.json"), """
            { "device": "cpu", "seeds": [0], "commit": "abc", "modelOrigins": [ { "models": 12, "device": "cuda:0 (NVIDIA H200)", "libTorch": "2.11.0+cu130", "cuda": "13.0", "commit": "4e4ef63", "day": "2026-11-27" } ] }
            """);
        var report = File.ReadAllText(ResultsReport.Write(t.Path));
        Assert.That(report, Does.Contain("Models: 12 models trained on cuda:0 (NVIDIA H200) (CUDA 13.0, 2026-11-27, 4e4ef63); attacks on cpu."));
    }

    [Test]
    public void Info_ModelsUsedButNoProvenanceRecorded_IsAnError()
    {
        var context = new ClaimContext(TestEnvironment.Settings, null, null);
        var spec = new ExperimentSpec { Paper = "p", Claim = "c" };
        var e = Assert.Throws<InvalidOperationException>(() => context.Info(spec, trained: 3, cached: 1))!;
        Assert.That(e.Message, Does.Contain("p/c").And.Contain("no provenance").And.Contain("OnModel = context.Used"));
        context.Used(new TrainedModel(null!, [], false, "k", On("cpu", null, "abc", 27)));
        Assert.That(context.Info(spec, trained: 3, cached: 1).ModelOrigins, Has.Count.EqualTo(1));
    }
}
