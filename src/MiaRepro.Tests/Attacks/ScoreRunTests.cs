using System.Diagnostics;
using MiaRepro.Measurements;
using MiaRepro.Scoring;
using NUnit.Framework;

namespace MiaRepro.Tests.Attacks;

/// <summary>
/// `miarepro score`'s core (<see cref="ScoreRun"/>) on a set written by numpy, as a user's PyTorch or JAX pipeline
/// would write it: every attack runs, the members are found, and measurements.csv is written in the project's format.
/// </summary>
[TestFixture]
public sealed class ScoreRunTests
{
    // 8 models on random halves of 300 examples, 2 queries, 10 classes; members get +3 on the true-class logit,
    // and each example has its own difficulty (a shift of the true-class logit by N(0, 3²)).
    const string Script = """
        import sys, numpy as np
        out = sys.argv[1]
        rng = np.random.default_rng(0)
        M, N, A, C = 8, 300, 2, 10
        keep = np.zeros((M, N), dtype=bool)
        for n in range(N):
            keep[rng.permutation(M)[: M // 2], n] = True
        labels = rng.integers(0, C, size=N)
        logits = rng.normal(0, 1, size=(M, N, A, C))
        shift = rng.normal(0, 3, size=N)
        logits[np.arange(M)[:, None], np.arange(N)[None, :], :, labels[None, :]] += (shift[None, :] + 3.0 * keep)[..., None]
        np.save(f"{out}/keep.npy", keep)
        np.save(f"{out}/logits.npy", logits.astype(np.float32))
        np.save(f"{out}/labels.npy", labels.astype(np.int64))
        import os
        def layout(ref, write):
            # The LiRA reference code's layout: y_train.npy, and per model (train.py --expid i) experiment-i_M/keep.npy
            # [N]; write(d, m) adds the model's outputs. Folder names sort 0, 1, 10, 2, … as text: the reader orders by id.
            np.save(f"{ref}/y_train.npy", labels.astype(np.int64))
            for m in range(M):
                d = f"{ref}/experiment-{m}_{M}"
                os.makedirs(d)
                np.save(f"{d}/keep.npy", keep[m])
                write(d, m)
        def with_logits(d, m):
            # inference.py's logits/<epoch>.npy [N, 1, A, C]; an older epoch beside the last must be ignored.
            os.makedirs(f"{d}/logits")
            np.save(f"{d}/logits/0000000099.npy", np.zeros((N, 1, A, C), dtype=np.float32))
            np.save(f"{d}/logits/0000000100.npy", logits[m][:, None, :, :].astype(np.float32))
        def with_scores(d, m):
            # Only score.py's φ (scores/<epoch>.npy, [N, A] float64), as score.py computes it from the logits.
            os.makedirs(f"{d}/scores")
            z = logits[m].astype(np.float32).astype(np.float64)[:, None, :, :]
            p = np.exp(z - z.max(3, keepdims=True)); p = p / p.sum(3, keepdims=True)
            y_true = p[np.arange(N), :, :, labels]
            p[np.arange(N), :, :, labels] = 0
            np.save(f"{d}/scores/0000000100.npy", np.log(y_true.mean(1) + 1e-45) - np.log(p.sum(3).mean(1) + 1e-45))
        if len(sys.argv) > 2: layout(sys.argv[2], with_logits)
        if len(sys.argv) > 3: layout(sys.argv[3], with_scores)
        """;

    static void WriteWithNumpy(string folder, string? referenceLayout = null, string? scoresLayout = null)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python)) Assert.Ignore($"{python} is missing: the numpy-written set needs Debian's python3 with python3-numpy.");
        var start = new ProcessStartInfo(python) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(folder);
        if (referenceLayout is not null) start.ArgumentList.Add(referenceLayout);
        if (scoresLayout is not null) start.ArgumentList.Add(scoresLayout);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 && error.Contains("No module named 'numpy'", StringComparison.Ordinal))
            Assert.Ignore("python3-numpy is not installed (apt-get install python3-numpy).");
        Assert.That(process.ExitCode, Is.EqualTo(0), error);
    }

    [Test]
    public void Run_NumpyWrittenSet_EveryAttackReported_AndMeasurementsWritten()
    {
        using var temp = TestEnvironment.Temp();
        var outputs = Directory.CreateDirectory(temp["my-models"]).FullName;
        WriteWithNumpy(outputs);
        var to = temp["scores"];

        var result = ScoreRun.Run(outputs, to);

        Assert.That(result.Reports.Select(r => r.Label), Is.EqualTo(new[]
        {
            "lira-online per-example", "lira-offline per-example", "lira-online global", "lira-offline global",
            "rmia-online", "rmia-offline a=0.3", "rmia-offline a=fitted", "loss-threshold", "logit-scaled-threshold",
            "confidence-threshold", "max-confidence-threshold", "ccr",
        }));
        foreach (var (attack, report) in result.Reports)
        {
            Assert.That(report.Members, Is.EqualTo(8 * 300 / 2), attack);
            Assert.That(report.Auc, Is.GreaterThan(0.6), attack);
        }
        var auc = result.Reports.ToDictionary(r => r.Label, r => r.Report.Auc);
        Assert.That(auc["lira-online per-example"], Is.GreaterThan(auc["loss-threshold"]), "per-example calibration beats one threshold when difficulty varies");

        var csv = Path.Combine(to, MeasurementTable.FileName);
        Assert.That(result.CsvPath, Is.EqualTo(csv));
        var table = MeasurementTable.Read(csv);
        Assert.That(table.Rows, Has.Count.EqualTo(12 * 5 + 1));
        Assert.That(table.Rows.Select(r => r.Metric).Distinct(), Is.EquivalentTo(new[] { "auc", "tpr@0.1%fpr", "tpr@1%fpr", "members", "non-members", "fitted-a" }));
        Assert.That(table.Rows.Single(r => r.Metric == "fitted-a").Value, Is.InRange(0, 1));
        var row = table.Rows.Single(r => r.Attack == "lira-online" && r.Facets["variance"] == "per-example" && r.Metric == "auc");
        Assert.That((row.Paper, row.Claim, row.Unit, row.Defense), Is.EqualTo((ScoreRun.Paper, "my-models", "%", "none")));
        Assert.That(row.Facets.ToString(), Is.EqualTo("targets=leave-one-out, keep=real, variance=per-example, references=all"));
        Assert.That(table.Rows.Single(r => r.Attack == "loss-threshold" && r.Metric == "auc").Facets.ToString(), Is.EqualTo("targets=leave-one-out, keep=real"),
            "a global threshold reads no reference models");
        Assert.That(row.Value, Is.EqualTo(100 * auc["lira-online per-example"]));
        Assert.That(row.Target, Does.StartWith("8 models × 300 examples × 2 queries"));
        Assert.That(Directory.GetFiles(to).Select(Path.GetFileName), Is.EquivalentTo(new[]
        {
            "measurements.csv", "roc.png", "tpr-vs-references.png", "phi-distribution-most-vulnerable.png", "phi-distribution-typical.png",
            "phi-distribution-least-vulnerable.png", "report.md",
        }), "the figures and report beside the table; an atomic write leaves no temporary file");
        Assert.That(result.Files, Is.EquivalentTo(Directory.GetFiles(to).Select(Path.GetFileName)));
        Assert.That(File.ReadAllText(Path.Combine(to, "report.md")), Does.Contain("| lira-online global | ").And.Contain("at most 3 a side").And.Contain("[roc.png](roc.png)"));
    }

    [Test]
    public void Run_ReferenceModels_RecordedAsAFacet()
    {
        using var temp = TestEnvironment.Temp();
        WriteWithNumpy(temp.Path);
        var result = ScoreRun.Run(temp.Path, referenceModels: 4);
        Assert.That(result.CsvPath, Is.EqualTo(Path.Combine(temp.Path, MeasurementTable.FileName)), "without --to the table lands beside the inputs");
        Assert.That(result.Table.Rows.Where(r => r.Attack.StartsWith("lira-", StringComparison.Ordinal)).Select(r => r.Facets["references"]).Distinct(), Is.EqualTo(new[] { "4" }));
    }

    [Test]
    public void Run_LiraReferenceCodeFolders_SameMeasurementsAsTheFlatSet()
    {
        using var temp = TestEnvironment.Temp();
        var (flat, reference) = (Directory.CreateDirectory(temp["flat"]).FullName, Directory.CreateDirectory(temp["exp"]).FullName);
        WriteWithNumpy(flat, reference);
        var a = ScoreRun.Run(flat, temp["a"]).Table.Rows;
        var b = ScoreRun.Run(reference, temp["b"]).Table.Rows;
        Assert.That(b.Select(r => r with { Claim = "" }), Is.EqualTo(a.Select(r => r with { Claim = "" })));
    }

    [Test]
    public void Run_ReferenceFoldersWithAFault_ErrorNamesTheFile()
    {
        using var temp = TestEnvironment.Temp();
        var (flat, reference) = (Directory.CreateDirectory(temp["flat"]).FullName, Directory.CreateDirectory(temp["exp"]).FullName);
        WriteWithNumpy(flat, reference);
        var model3 = Path.Combine(reference, "experiment-3_8");

        var last = Path.Combine(model3, "logits", "0000000100.npy");
        var good = File.ReadAllBytes(last);
        MiaRepro.Outputs.Npy.Write(last, [299, 1, 2, 10], new float[299 * 2 * 10]);
        Assert.That(() => ScoreRun.Run(reference, temp["o"]), Throws.TypeOf<MiaRepro.Outputs.OutputStoreException>()
            .With.Message.Contains(last).And.Message.Contains("same pool"));
        var nan = new float[300 * 2 * 10];
        nan[25] = float.NaN;
        MiaRepro.Outputs.Npy.Write(last, [300, 1, 2, 10], nan);
        Assert.That(() => ScoreRun.Run(reference, temp["o"]), Throws.TypeOf<MiaRepro.Outputs.OutputStoreException>()
            .With.Message.Contains(last).And.Message.Contains("NaN").And.Message.Contains("diverged"));
        File.WriteAllBytes(last, good);

        File.Delete(Path.Combine(model3, "keep.npy"));
        Assert.That(() => ScoreRun.Run(reference, temp["o"]), Throws.TypeOf<MiaRepro.Outputs.OutputStoreException>()
            .With.Message.Contains(Path.Combine(model3, "keep.npy")).And.Message.Contains("is missing"));
    }

    [Test]
    public void Run_ReferenceFoldersWithScoresOnly_LiraOnPhiAlone_SameAsFromTheLogits()
    {
        using var temp = TestEnvironment.Temp();
        var (flat, reference, scores) = (Directory.CreateDirectory(temp["flat"]).FullName, Directory.CreateDirectory(temp["exp"]).FullName,
            Directory.CreateDirectory(temp["scores-only"]).FullName);
        WriteWithNumpy(flat, reference, scores);
        var fromLogits = ScoreRun.Run(flat, temp["a"]);
        var fromPhi = ScoreRun.Run(scores, temp["b"]);
        Assert.That(fromPhi.Set.PhiOnly, Is.True);
        Assert.That(fromPhi.Reports.Select(r => r.Label), Is.EqualTo(new[]
        {
            "lira-online per-example", "lira-offline per-example", "lira-online global", "lira-offline global", "logit-scaled-threshold",
        }), "only the attacks on φ: RMIA, the loss and confidence thresholds and CCR need probabilities");
        var logitsAuc = fromLogits.Reports.ToDictionary(r => r.Label, r => r.Report.Auc);
        foreach (var (attack, report) in fromPhi.Reports)
            Assert.That(report.Auc, Is.EqualTo(logitsAuc[attack]).Within(1e-4), $"{attack}: φ from score.py (rounded to float32) against φ from the logits");
    }
}
