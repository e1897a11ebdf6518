using System.Text.Json;
using MiaRepro.Attacks.LikelihoodRatio;
using NUnit.Framework;

namespace MiaRepro.Tests.Attacks;

/// <summary>
/// RMIA as its authors' code scores it (<see cref="RmiaAuthorsCode"/>) against tools/reference/rmia_code_reference.py's
/// numpy restatement of research/2023_rmia/main.py and signals.py, on a 12-model set (5 references a side, so the 20 %
/// trimmed mean cuts 2 from each end).
/// </summary>
public sealed class RmiaAuthorsCodeTests
{
    static (ScoreSet Set, double[] Signal, double[] Scores) Golden()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Attacks", "golden", "rmia_code_golden.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var shape = root.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var keepRows = root.GetProperty("keep").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32() == 1).ToArray()).ToArray();
        var keep = new bool[shape[0], shape[1]];
        for (var m = 0; m < shape[0]; m++) for (var n = 0; n < shape[1]; n++) keep[m, n] = keepRows[m][n];
        var logits = root.GetProperty("logits").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        var labels = root.GetProperty("labels").EnumerateArray().Select(v => v.GetInt64()).ToArray();
        double[] Doubles(string name) => root.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
        return (new ScoreSet(keep, logits, shape[2], shape[3], labels), Doubles("signal"), Doubles("scores"));
    }

    [Test]
    public void SoftMarginTaylorSignal_EqualsTheAuthorsSignals()
    {
        var (set, signal, _) = Golden();
        Approx.AssertClose(RmiaAuthorsCode.Signal(set, new()), signal, rel: 1e-12, abs: 1e-14, what: "sm_taylor_softmax");
    }

    [Test]
    public void Online_EqualsTheAuthorsRelativeAttack_TrimmedMeanGamma2AndAVoteOverQueries()
    {
        var (set, _, scores) = Golden();
        Assert.That(RmiaAuthorsCode.Online(set).Scores, Is.EqualTo(scores));
    }
}
