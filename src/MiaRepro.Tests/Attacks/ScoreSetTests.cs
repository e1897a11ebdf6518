using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Outputs;
using NUnit.Framework;

namespace MiaRepro.Tests.Attacks;

/// <summary>
/// The many-model input: loading keep.npy / logits.npy / labels.npy, and every bad input's error naming the file and
/// the fix (disagreeing shapes, wrong dtypes, labels out of range, NaN/∞ logits, no models, a never-IN or never-OUT
/// example, an unbalanced mask where balance is asked).
/// </summary>
[TestFixture]
public sealed class ScoreSetTests
{
    const int M = 4, N = 3, A = 2, C = 3;

    static bool[,] BalancedKeep() => new bool[,] { { true, false, true }, { true, true, false }, { false, true, true }, { false, false, false } };

    static float[] Logits(int m = M, int n = N) => Enumerable.Range(0, m * n * A * C).Select(i => (float)(i % 7) - 3).ToArray();

    static void Write(string dir, bool[,] keep, long[] keepShape, float[] logits, long[] logitsShape, long[] labels, long[] labelsShape)
    {
        var flat = new bool[keep.Length];
        Buffer.BlockCopy(keep, 0, flat, 0, keep.Length);
        Npy.Write(Path.Combine(dir, ScoreSet.KeepFile), keepShape, flat);
        Npy.Write(Path.Combine(dir, ScoreSet.LogitsFile), logitsShape, logits);
        Npy.Write(Path.Combine(dir, ScoreSet.LabelsFile), labelsShape, labels);
    }

    static void WriteGood(string dir) => Write(dir, BalancedKeep(), [M, N], Logits(), [M, N, A, C], [0, 2, 1], [N]);

    [Test]
    public void Load_GoodFolder_ReadsEveryAxis()
    {
        using var temp = TestEnvironment.Temp();
        WriteGood(temp.Path);
        var set = ScoreSet.Load(temp.Path);
        Assert.That((set.Models, set.Examples, set.Augmentations, set.Classes), Is.EqualTo((M, N, A, C)));
        Assert.That(set.IsIn(1, 1) && !set.IsIn(3, 2));
        Assert.That(set.LogitsOf(1, 2, 1).ToArray(), Is.EqualTo(Logits().AsSpan(((1 * N + 2) * A + 1) * C, C).ToArray()));
        Assert.That(set.Labels, Is.EqualTo(new[] { 0, 2, 1 }));
    }

    [Test]
    public void Load_Int32Labels_AreAccepted()
    {
        using var temp = TestEnvironment.Temp();
        WriteGood(temp.Path);
        Npy.Write(Path.Combine(temp.Path, ScoreSet.LabelsFile), [N], new[] { 0, 2, 1 });
        Assert.That(ScoreSet.Load(temp.Path).Labels, Is.EqualTo(new[] { 0, 2, 1 }));
    }

    [Test]
    public void Load_MissingFile_NamesItAndTheFormat()
    {
        using var temp = TestEnvironment.Temp();
        WriteGood(temp.Path);
        File.Delete(Path.Combine(temp.Path, ScoreSet.LabelsFile));
        Assert.That(() => ScoreSet.Load(temp.Path), Throws.TypeOf<OutputStoreException>()
            .With.Message.Contains("labels.npy is missing").And.Message.Contains("int64 or int32 [N]"));
    }

    [Test]
    public void Load_LogitsForOtherModels_NamesBothShapes()
    {
        using var temp = TestEnvironment.Temp();
        Write(temp.Path, BalancedKeep(), [M, N], Logits(M + 1), [M + 1, N, A, C], [0, 2, 1], [N]);
        Assert.That(() => ScoreSet.Load(temp.Path), Throws.TypeOf<OutputStoreException>()
            .With.Message.Contains("logits.npy is [5, 3, 2, 3] but").And.Message.Contains("keep.npy is [4, 3]"));
    }

    [Test]
    public void Load_LogitsWithoutQueryAxis_SaysHowToAddIt()
    {
        using var temp = TestEnvironment.Temp();
        Write(temp.Path, BalancedKeep(), [M, N], Logits(), [M, N, A * C], [0, 2, 1], [N]);
        Assert.That(() => ScoreSet.Load(temp.Path), Throws.TypeOf<OutputStoreException>().With.Message.Contains("logits[:, :, None, :]"));
    }

    [Test]
    public void Load_WrongLabelCount_NamesLabelsFile()
    {
        using var temp = TestEnvironment.Temp();
        Write(temp.Path, BalancedKeep(), [M, N], Logits(), [M, N, A, C], [0, 2], [2]);
        Assert.That(() => ScoreSet.Load(temp.Path), Throws.TypeOf<OutputStoreException>()
            .With.Message.Contains("labels.npy is [2] but").And.Message.Contains("one label per example (N = 3)"));
    }

    [Test]
    public void Load_Float64Logits_AsksForFloat32()
    {
        using var temp = TestEnvironment.Temp();
        WriteGood(temp.Path);
        Npy.Write(Path.Combine(temp.Path, ScoreSet.LogitsFile), [M, N, A, C], Logits().Select(v => (double)v).ToArray());
        Assert.That(() => ScoreSet.Load(temp.Path), Throws.TypeOf<OutputStoreException>()
            .With.Message.Contains("dtype '<f8'").And.Message.Contains("astype(np.float32)"));
    }

    [Test]
    public void Load_LabelOutOfRange_NamesExampleAndClasses()
    {
        using var temp = TestEnvironment.Temp();
        Write(temp.Path, BalancedKeep(), [M, N], Logits(), [M, N, A, C], [0, 3, 1], [N]);
        Assert.That(() => ScoreSet.Load(temp.Path), Throws.TypeOf<OutputStoreException>()
            .With.Message.Contains("labels.npy: example 1 has label 3, outside [0, 3)"));
    }

    [TestCase(float.NaN)]
    [TestCase(float.PositiveInfinity)]
    public void Load_NonFiniteLogit_NamesModelExampleQueryClass(float bad)
    {
        using var temp = TestEnvironment.Temp();
        var logits = Logits();
        logits[((2 * N + 1) * A + 1) * C + 2] = bad;
        Write(temp.Path, BalancedKeep(), [M, N], logits, [M, N, A, C], [0, 2, 1], [N]);
        Assert.That(() => ScoreSet.Load(temp.Path), Throws.TypeOf<OutputStoreException>()
            .With.Message.Contains("logits.npy: model 2, example 1, query 1, class 2 is").And.Message.Contains("diverged"));
    }

    [Test]
    public void Load_NoModels_SaysSo()
    {
        using var temp = TestEnvironment.Temp();
        Write(temp.Path, new bool[0, N], [0, N], [], [0, N, A, C], [0, 2, 1], [N]);
        Assert.That(() => ScoreSet.Load(temp.Path), Throws.TypeOf<OutputStoreException>().With.Message.Contains("keep.npy holds 0 models"));
    }

    [Test]
    public void RequireInAndOut_ExampleNeverOut_NamesIt()
    {
        var keep = BalancedKeep();
        for (var m = 0; m < M; m++) keep[m, 2] = true;
        var set = new ScoreSet(keep, Logits(), A, C, [0, 2, 1]);
        Assert.That(set.RequireInAndOut, Throws.ArgumentException.With.Message.Contains("example 2 (never OUT)"));
        keep[0, 1] = keep[1, 1] = keep[2, 1] = false;
        Assert.That(set.WithKeep(keep).RequireInAndOut, Throws.ArgumentException.With.Message.Contains("example 1 (never IN)"));
    }

    [Test]
    public void RequireBalanced_BalancedMask_Passes_UnbalancedNamesTheExample()
    {
        var set = new ScoreSet(BalancedKeep(), Logits(), A, C, [0, 2, 1]);
        Assert.That(set.RequireBalanced, Throws.Nothing);
        var keep = BalancedKeep();
        keep[3, 0] = true;
        Assert.That(set.WithKeep(keep).RequireBalanced, Throws.ArgumentException.With.Message.Contains("example 0 IN for 3").And.Message.Contains("not balanced"));
    }

    [Test]
    public void RequireBalanced_OddModelCount_SaysItNeedsAnEvenOne()
    {
        var set = new ScoreSet(new bool[3, 1], new float[3 * 2], 1, 2, [0]);
        Assert.That(set.RequireBalanced, Throws.ArgumentException.With.Message.Contains("needs an even number"));
    }

    [Test]
    public void ManyModelAttacks_ExampleNeverIn_FailsUpFront()
    {
        var keep = BalancedKeep();
        for (var m = 0; m < M; m++) keep[m, 0] = false;
        var set = new ScoreSet(keep, Logits(), A, C, [0, 2, 1]);
        Assert.That(() => ManyModelAttacks.Run(set), Throws.ArgumentException.With.Message.Contains("never IN"));
    }
}
