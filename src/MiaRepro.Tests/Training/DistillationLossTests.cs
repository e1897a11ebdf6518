using System.Text.Json;
using MiaRepro.Training;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Training;

/// <summary>l-Leaks' loss α·T²·KL + β·CE (and the defense's T²·H) against values computed independently
/// (tools/reference/lleaks_loss.py → golden/lleaks-loss.json), on the script's closed-form inputs, in float64.</summary>
[TestFixture, NonParallelizable]
public sealed class DistillationLossTests
{
    const int N = 6, C = 4;

    public sealed record Case(double Temperature, double? Alpha, double? Beta, double Loss);
    sealed record Golden(string Generator, Case[] Cases);

    static Tensor Student() => Closed((i, j) => 2 * Math.Sin(0.7 * (i + 1) + 1.3 * (j + 1)));
    static Tensor TeacherLogits() => Closed((i, j) => 3 * Math.Cos(0.5 * (i + 1) + 0.9 * (j + 1)));
    static Tensor Labels() => tensor(Enumerable.Range(0, N).Select(i => (long)(i % C)).ToArray());

    static Tensor Closed(Func<int, int, double> f) =>
        tensor(Enumerable.Range(0, N * C).Select(k => f(k / C, k % C)).ToArray()).view(N, C);

    static double Loss(Tensor teacherLogits, double t, DistillationWeights? w)
    {
        using var scope = NewDisposeScope();
        var p = (teacherLogits / t).softmax(1);
        return DistillationLoss.Of(Student(), p, Labels(), t, w).item<double>();
    }

    public static IEnumerable<TestCaseData> GoldenCases()
    {
        var path = Path.Combine(TestEnvironment.Settings.Root, "src", "MiaRepro.Tests", "Training", "golden", "lleaks-loss.json");
        var golden = JsonSerializer.Deserialize<Golden>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase })!;
        return golden.Cases.Select(c => new TestCaseData(c).SetName($"Of_T{c.Temperature}_Alpha{c.Alpha?.ToString() ?? "none"}_Beta{c.Beta?.ToString() ?? "none"}_MatchesGolden"));
    }

    [TestCaseSource(nameof(GoldenCases))]
    public void Of_ClosedFormInputs_MatchesIndependentValue(Case c)
    {
        var weights = c.Alpha is { } a ? new DistillationWeights(a, c.Beta!.Value) : null;
        Assert.That(Loss(TeacherLogits(), c.Temperature, weights), Is.EqualTo(c.Loss).Within(1e-12 * Math.Max(1, c.Loss)));
    }

    [TestCase(1.0), TestCase(4.0), TestCase(20.0)]
    public void Of_LogitsRecoveredFromProbabilities_SameLoss(double t)
    {
        var w = new DistillationWeights(0.7, 0.3);
        using var probabilities = TeacherLogits().softmax(1);
        using var recovered = DistillationLoss.LogitsFromProbabilities(probabilities);
        Assert.That(Loss(recovered, t, w), Is.EqualTo(Loss(TeacherLogits(), t, w)).Within(1e-12));
    }

    [Test]
    public void Of_StudentEqualsTeacher_KlTermIsZero()
    {
        using var p = (Student() / 3.0).softmax(1);
        Assert.That(DistillationLoss.Of(Student(), p, Labels(), 3.0, new DistillationWeights(1, 0)).item<double>(), Is.EqualTo(0).Within(1e-12));
    }

    [Test]
    public void Of_AlphaAndBetaZero_ErrorNamesBoth()
    {
        using var p = TeacherLogits().softmax(1);
        var e = Assert.Throws<ArgumentException>(() => DistillationLoss.Of(Student(), p, Labels(), 2, new DistillationWeights(0, 0)));
        Assert.That(e!.Message, Does.Contain("α = β = 0"));
    }
}
