using MiaRepro.Training;
using System.Text.Json;
using MiaRepro.Experiments;
using MiaRepro.Report;
using NUnit.Framework;

namespace MiaRepro.Tests.Report;

public sealed class ModelOriginTextTests
{
    static JsonElement Run(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Test]
    public void Read_RunJsonFromBeforeHardwareAndSource_LoadsAsRecordedAtRunTime()
    {
        var origins = ModelOriginText.Read(Run("""
            { "device": "cpu", "modelOrigins": [ { "models": 15, "device": "cpu", "libTorch": "2.10.0", "cuda": null, "commit": "22ae192314b5", "day": "2026-12-03" } ] }
            """))!;
        Assert.That(origins, Has.Count.EqualTo(1));
        Assert.That((origins[0].Models, origins[0].Hardware, origins[0].Source, origins[0].Backfilled), Is.EqualTo((15, (string?)null, (string?)null, false)));
    }

    [Test]
    public void Read_RunJsonWithoutOrigins_IsNullAndTheLineSaysNotRecorded()
    {
        var run = Run("""{ "device": "cpu", "commit": "abc" }""");
        Assert.That(ModelOriginText.Read(run), Is.Null);
        Assert.That(ModelOriginText.Line(run), Does.StartWith("Models: where they were trained is not recorded"));
    }

    [Test]
    public void Groups_OriginsDifferingOnlyByCommit_OneGroupListingItsCommits()
    {
        ModelOrigin Cpu(int n, string commit) => new(n, "cpu", "2.10.0", null, commit, "2026-12-03") { Hardware = "AMD EPYC (AVX-512)" };
        var groups = ModelOriginText.Groups([Cpu(4, "eebcf7f1a2b3"), Cpu(32, "5a0af3d1a2b3-dirty")]).ToList();
        Assert.That(groups, Is.EqualTo(new[] { "36 on cpu (AMD EPYC (AVX-512); libtorch 2.10.0) on 2026-12-03: 32 at 5a0af3d with uncommitted changes, 4 at eebcf7f" }));
    }

    [Test]
    public void Groups_DifferentDaysAndMachines_DaysPerCommitAndOneGroupPerMachine()
    {
        var groups = ModelOriginText.Groups([
            new(11, "cuda", "2.11.0+cu130", "13.0", "1f9acf3", "2026-11-26") { Hardware = "NVIDIA H100 80GB HBM3" },
            new(16, "cpu", "2.10.0", null, "f401c5b", "2026-12-03"),
            new(5, "cpu", "2.10.0", null, "b72ca57", "2026-12-02"),
        ]).ToList();
        Assert.That(groups, Is.EqualTo(new[]
        {
            "21 on cpu (libtorch 2.10.0): 16 at f401c5b on 2026-12-03, 5 at b72ca57 on 2026-12-02",
            "11 on cuda (NVIDIA H100 80GB HBM3; libtorch 2.11.0+cu130, CUDA 13.0) at 1f9acf3 on 2026-11-26",
        }));
    }

    [Test]
    public void Line_BackfilledFromTheRunLog_SaysSoBesideTheRecordedOnes()
    {
        var line = ModelOriginText.Line(Run("""
            { "device": "cpu", "modelOrigins": [
              { "models": 44, "device": "cuda", "hardware": "NVIDIA H100 80GB HBM3", "libTorch": "2.11.0+cu130", "cuda": "13.0", "commit": "1f9acf3", "day": "2026-11-26",
                "source": "from the run log (GPU.md), not recorded at run time" } ] }
            """));
        Assert.That(line, Is.EqualTo("Models: 44 on cuda (NVIDIA H100 80GB HBM3; libtorch 2.11.0+cu130, CUDA 13.0) at 1f9acf3 on 2026-11-26 — from the run log (GPU.md), not recorded at run time; attacks on cpu."));
        Assert.That(ModelOriginText.Short(ModelOriginText.Read(Run("""{ "modelOrigins": [ { "models": 44, "device": "cuda", "hardware": "NVIDIA H100 80GB HBM3", "libTorch": "2.11.0+cu130", "cuda": "13.0", "commit": "1f9acf3", "day": "2026-11-26", "source": "from the run log" } ] }"""))!),
            Is.EqualTo("44 on cuda (NVIDIA H100 80GB HBM3); backfilled"));
    }
}
