using MiaRepro.Report;
using MiaRepro.Experiments;
using MiaRepro.Training;
using NUnit.Framework;
using MiaRepro.IO;

namespace MiaRepro.Tests.Experiments;

public sealed class ModelOriginTests
{
    static TrainingProvenance On(string device, string? cuda, string commit, int day, string machine = "machine") =>
        new(device, "2.10.0", cuda, machine, commit, new DateTimeOffset(2026, 11, day, 10, 0, 0, TimeSpan.Zero));

    [Test]
    public void Of_ModelsFromTwoMachines_CountsEachDeviceCommitAndDay()
    {
        var origins = ModelOrigin.Of([
            On("cuda:0 (NVIDIA H200)", "13.0", "4e4ef63a1b2c3d4e5f", 27), On("cuda:0 (NVIDIA H200)", "13.0", "4e4ef63a1b2c3d4e5f", 27),
            On("cpu", null, "abc1234-dirty", 28),
        ]);
        Assert.That(origins.Select(o => o.ToString()), Is.EqualTo(new[]
        {
            "2 models trained on cuda:0 (NVIDIA H200; libtorch 2.10.0, CUDA 13.0) at 4e4ef63 on 2026-11-27",
            "1 model trained on cpu (libtorch 2.10.0) at abc1234 with uncommitted changes on 2026-11-28",
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
        Assert.That(report, Does.Contain("Models: 12 on cuda:0 (NVIDIA H200; libtorch 2.11.0+cu130, CUDA 13.0) at 4e4ef63 on 2026-11-27; attacks on cpu."));
    }

    [Test]
    public void Of_ModelsWithTheirMachine_NamesTheCpuOrGpuModel()
    {
        var origins = ModelOrigin.Of([
            On("cpu", null, "abc", 27, "Debian GNU/Linux 12 (bookworm), AMD EPYC (AVX-512), 2 cores, X64"),
            On("cuda:0 (NVIDIA H200)", "13.0", "abc", 27, "Ubuntu 24.04.3 LTS, Intel(R) Xeon(R) Processor (AVX-512), 16 cores, X64"),
            On("cpu", null, "abc", 27, "Debian GNU/Linux 12 (bookworm), 2 cores, X64"),   // a machine line from before the CPU was named
        ]);
        Assert.That(origins.Select(o => o.Hardware), Is.EquivalentTo(new[] { "AMD EPYC (AVX-512)", "NVIDIA H200", null }));
        Assert.That(origins.All(o => !o.Backfilled), Is.True);
    }

    [Test]
    public void Json_RecordedOrigin_OmitsSourceAndKeepsTheOldFields()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new ModelOrigin(2, "cpu", "2.10.0", null, "abc", "2026-11-27") { Hardware = "AMD EPYC (AVX2)" }, JsonFormat.Indented);
        Assert.That(json, Does.Contain("\"hardware\": \"AMD EPYC (AVX2)\"").And.Not.Contain("source").And.Not.Contain("described").And.Not.Contain("dirty"));
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
