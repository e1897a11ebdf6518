using MiaRepro.Attacks.LikelihoodRatio;
using MiaRepro.Data;
using MiaRepro.Experiments;
using MiaRepro.Experiments.Lira;
using MiaRepro.Outputs;
using MiaRepro.Tests.Training;
using MiaRepro.Training;
using MiaRepro.Training.Ensemble;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Experiments.Lira;

/// <summary>The many-model stages on a tiny random image set: members through the model store, outputs through the
/// output store, and a run cut after a member resumes there.</summary>
[TestFixture, NonParallelizable]
public sealed class LiraMembersTests
{
    const int Models = 4;

    static (Dataset Dataset, SplitManifest Split, ExperimentSpec Spec) Setup()
    {
        var g = new Generator(7);
        LabelledData Part(int n) => new(randint(0, 256, [n, 3, 32, 32], generator: g).to(uint8), randint(0, 10, [n], generator: g), 10);
        var dataset = new Dataset("random", Part(40), Part(10), "0000000000000000000000000000000000000000000000000000000000000000");
        var spec = new ExperimentSpec
        {
            Kind = "lira", Dataset = "random",
            Split = new() { [LiraSpec.PoolPart] = new SplitPart { From = "train", Size = 16 } },
            Training = new TrainingSpec { Epochs = 1, BatchSize = 8 },
            Lira = new LiraSpec { Models = Models, Augmentations = ["plain", "mirror"] },
        };
        return (dataset, SplitManifest.Create(dataset, spec.Split, 0), spec);
    }

    static LiraMembers Engine(TempFolder t, Action<int>? afterMember = null, EnsembleStrategy strategy = EnsembleStrategy.OneAtATime) =>
        new(new ModelCache(t["models"], ModelCacheTests.Here), new OutputStore(t["outputs"]), OutputProvenance.Now("cpu", "test"), CPU)
            { AfterMember = afterMember, Strategy = strategy };

    [TestCase(EnsembleStrategy.Parallel)]
    [TestCase(EnsembleStrategy.Grouped)]
    public void Build_ByAnotherStrategy_InterruptedAfterAMember_ResumesAndGivesTheSameOutputs(EnsembleStrategy strategy)
    {
        using var t = TestEnvironment.Temp();
        using var reference = TestEnvironment.Temp();
        var (dataset, split, spec) = Setup();
        var keep = BalancedKeep.Create(Models, 16, seed: 0);
        var stored = 0;
        Assert.That(() => Engine(t, _ => { if (++stored == 1) throw new OperationCanceledException("killed"); }, strategy).Build(dataset, split, keep, spec, seed: 0),
            Throws.TypeOf<OperationCanceledException>());
        var resumed = Engine(t, strategy: strategy).Build(dataset, split, keep, spec, seed: 0);
        Assert.That(resumed.Cached, Is.GreaterThanOrEqualTo(1), "the member stored before the interruption is reused");
        Assert.That(resumed.Trained + resumed.Cached, Is.EqualTo(Models));
        var alone = Engine(reference).Build(dataset, split, keep, spec, seed: 0);
        Assert.That(resumed.Set.Logits, Is.EqualTo(alone.Set.Logits).Within(1e-4));
    }

    [Test]
    public void Build_InterruptedAfterSecondMember_ResumesWithoutRetrainingThem()
    {
        using var t = TestEnvironment.Temp();
        var (dataset, split, spec) = Setup();
        var keep = BalancedKeep.Create(Models, 16, seed: 0);
        Assert.That(() => Engine(t, m => { if (m == 1) throw new OperationCanceledException("killed"); }).Build(dataset, split, keep, spec, seed: 0),
            Throws.TypeOf<OperationCanceledException>());
        var resumed = Engine(t).Build(dataset, split, keep, spec, seed: 0);
        Assert.That((resumed.Trained, resumed.Cached), Is.EqualTo((Models - 2, 2)));
        var again = Engine(t).Build(dataset, split, keep, spec, seed: 0);
        Assert.That((again.Trained, again.Cached), Is.EqualTo((0, Models)));
        Assert.That(again.Set.Logits, Is.EqualTo(resumed.Set.Logits));
    }

    [Test]
    public void Build_Set_HasTheMaskTheQueriesAndAScoreFolder()
    {
        using var t = TestEnvironment.Temp();
        var (dataset, split, spec) = Setup();
        var keep = BalancedKeep.Create(Models, 16, seed: 0);
        var result = Engine(t).Build(dataset, split, keep, spec, seed: 0);
        Assert.That((result.Set.Models, result.Set.Examples, result.Set.Augmentations, result.Set.Classes), Is.EqualTo((Models, 16, 2, 10)));
        Assert.That(result.Set.Keep(), Is.EqualTo(keep));
        Assert.DoesNotThrow(() => result.Set.RequireBalanced());
        var loaded = MiaRepro.Attacks.LikelihoodRatio.ScoreSet.Load(result.SetFolder);
        Assert.That(loaded.Keep(), Is.EqualTo(keep));
        Assert.That(loaded.Logits, Is.EqualTo(result.Set.Logits));
    }

    [Test]
    public void Distil_EachStudentLearnsFromItsOwnTeachersPlainLogitsOnItsInHalf_AndIsReusedFromTheStore()
    {
        using var t = TestEnvironment.Temp();
        using var direct = TestEnvironment.Temp();
        var (dataset, split, spec) = Setup();
        spec.Lira.Distillation = new DistillationSpec { Temperature = 4 };
        var keep = BalancedKeep.Create(Models, 16, seed: 0);
        var teachers = Engine(t).Build(dataset, split, keep, spec, seed: 0);
        var students = Engine(t).Distil(dataset, split, keep, spec, 0, teachers);
        Assert.That((students.Trained, students.Cached), Is.EqualTo((Models, 0)));
        Assert.That(students.Set.Keep(), Is.EqualTo(keep));
        Assert.That(students.Set.Logits, Is.Not.EqualTo(teachers.Set.Logits), "the attacks read the students, not the teachers");

        // Student 1 again, by hand: its teacher's logits computed from the stored model on the IN half, one view.
        var job = LiraMembers.Jobs(dataset.Sha256, split, keep, spec, 0)[1];
        var cache = new ModelCache(t["models"], ModelCacheTests.Here);
        var pool = split.Select(dataset, LiraSpec.PoolPart);
        using var x = spec.Training.Preprocessing.Apply(pool.Features);
        using var inIndex = tensor(job.In);
        using var outIndex = tensor(job.Out);
        var teacher = cache.TryGet(job.Job, () => { manual_seed(job.Seed); return spec.Model.Build(x.shape[1..], 10); })!;
        var members = pool with { Features = x.index_select(0, inIndex), Labels = pool.Labels.index_select(0, inIndex) };
        var others = pool with { Features = x.index_select(0, outIndex), Labels = pool.Labels.index_select(0, outIndex) };
        Tensor TeacherLogits() { using var _ = no_grad(); teacher.Model.eval(); return teacher.Model.call(members.Features).detach(); }
        var byHand = Distillation.Train(new ModelCache(direct["models"], ModelCacheTests.Here), Distillation.StudentJob(job.Job, 4), TeacherLogits, members, others, CPU, null);
        var byHandLogits = ModelQuery.Logits(byHand.Model, x, ["plain"], 500, CPU);
        var plain = Enumerable.Range(0, 16).SelectMany(n => students.Set.Logits.Skip((int)(((1L * 16 + n) * 2) * 10)).Take(10)).ToArray();
        Assert.That(plain, Is.EqualTo(byHandLogits).Within(1e-4));

        var again = Engine(t).Distil(dataset, split, keep, spec, 0, teachers);
        Assert.That((again.Trained, again.Cached), Is.EqualTo((0, Models)));
        Assert.That(again.Set.Logits, Is.EqualTo(students.Set.Logits));
    }
}
