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

    (nn.Module<Tensor, Tensor> Model, IReadOnlyList<EpochRecord> History, bool FromCache) Student(ModelCache cache, object teacherKey, double temperature) =>
        Distillation.Student(cache, teacherKey, () => { teacherQueries++; return randn(256, 4, generator: new Generator(7)); }, temperature,
            new ModelSpec { Type = "Mlp", Hidden = [4] },
            new TrainingSpec { Epochs = 1, BatchSize = 64, Preprocessing = new() { Kind = "none" } }, TrainerTests.Toy(256, 0), TrainerTests.Toy(64, 1), 0, CPU, null);

    [Test]
    public void Student_SameTeacherAndTemperature_FromCacheWithoutQueryingTheTeacher_OtherwiseTrains()
    {
        using var t = TestEnvironment.Temp();
        var cache = new ModelCache(t.Path);
        Assert.That(Student(cache, new { teacher = "a" }, 4).FromCache, Is.False);
        Assert.That(Student(cache, new { teacher = "a" }, 4).FromCache, Is.True);
        Assert.That(teacherQueries, Is.EqualTo(1), "the teacher's logits are computed only to train");
        Assert.That(Student(cache, new { teacher = "a" }, 2).FromCache, Is.False, "another temperature is another student");
        Assert.That(Student(cache, new { teacher = "b" }, 4).FromCache, Is.False, "another teacher is another student");
        Assert.That(teacherQueries, Is.EqualTo(3));
    }
}
