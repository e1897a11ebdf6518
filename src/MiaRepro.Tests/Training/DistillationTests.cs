using MiaRepro.Models;
using MiaRepro.Training;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Training;

/// <summary>The one student helper the defense matrix and the shadow-attack claims share: keyed by teacher and temperature,
/// the teacher queried only when the student must train.</summary>
[TestFixture, NonParallelizable]
public sealed class DistillationTests
{
    int teacherQueries;

    [SetUp]
    public void ResetCount() => teacherQueries = 0;   // one fixture instance serves every test

    TrainedModel Student(ModelCache cache, string teacher, double temperature) =>
        Distillation.Student(cache, Teacher(teacher), () => { teacherQueries++; return randn(256, 4, generator: new Generator(7)); }, temperature,
            TrainerTests.Toy(256, 0), TrainerTests.Toy(64, 1), CPU, null);

    static TrainingJob Teacher(string dataset) => new()
    {
        DatasetSha256 = dataset, Members = "members", Model = new ModelSpec { Type = "Mlp", Hidden = [4] },
        Training = new TrainingSpec { Epochs = 1, BatchSize = 64, Preprocessing = new() { Kind = "none" } },
    };

    [Test]
    public void Student_SameTeacherAndTemperature_FromCacheWithoutQueryingTheTeacher_OtherwiseTrains()
    {
        using var t = TestEnvironment.Temp();
        var cache = new ModelCache(t.Path, ModelCacheTests.Here);
        Assert.That(Student(cache, "a", 4).FromCache, Is.False);
        Assert.That(Student(cache, "a", 4).FromCache, Is.True);
        Assert.That(teacherQueries, Is.EqualTo(1), "the teacher's logits are computed only to train");
        Assert.That(Student(cache, "a", 2).FromCache, Is.False, "another temperature is another student");
        Assert.That(Student(cache, "b", 4).FromCache, Is.False, "another teacher is another student");
        Assert.That(teacherQueries, Is.EqualTo(3));
    }

    [Test]
    public void StudentJob_IsTheTeachersJobNamingTheTeachersKey()
    {
        var teacher = Teacher("a");
        var student = Distillation.StudentJob(teacher, 4);
        Assert.That(student.Teacher, Is.EqualTo(new DistillationTeacher(teacher.Key(), 4)));
        Assert.That(student with { Teacher = null }, Is.EqualTo(teacher));
        Assert.That(student.Key(), Is.Not.EqualTo(teacher.Key()));
    }

    [Test]
    public void Train_LLeaksTeacherWithWeights_WeightedLossKeyedApartAndCached()
    {
        using var t = TestEnvironment.Temp();
        var cache = new ModelCache(t.Path, ModelCacheTests.Here);
        var job = Teacher("a") with { Teacher = new DistillationTeacher("target", 4) { Weights = new DistillationWeights(1, 1) } };
        TrainedModel Train(TrainingJob j) => Distillation.Train(cache, j, () => { teacherQueries++; return randn(256, 4, generator: new Generator(7)); },
            TrainerTests.Toy(256, 0), TrainerTests.Toy(64, 1), CPU, null);
        var lleaks = Train(job);
        var defense = Train(job with { Teacher = new DistillationTeacher("target", 4) });
        Assert.Multiple(() =>
        {
            Assert.That(Train(job).FromCache, Is.True);
            Assert.That(teacherQueries, Is.EqualTo(2), "the target is queried only to train");
            // Same init, data and soft labels: the weighted loss (KL + CE) and the defense's (T²·H) differ from the first batch on.
            Assert.That(lleaks.History[0].TrainLoss, Is.Not.EqualTo(defense.History[0].TrainLoss).Within(1e-6));
        });
    }
}
