using System.Text;
using System.Text.Json;
using MiaRepro.Models;
using MiaRepro.Training;
using NUnit.Framework;

namespace MiaRepro.Tests.ShadowAttack;

/// <summary>
/// Adding l-Leaks (shadows:construction, a teacher's weights and release) must not re-key any stored model: an existing
/// shadow-attack experiment keeps its cache. golden/pre-lleaks-jobs.json holds a target and a label-trained shadow job of
/// preeti2022/adult as the model store wrote them at commit d07960a (before l-Leaks), with the keys they were stored under.
/// </summary>
[TestFixture]
public sealed class LabelsConstructionJobKeyTests
{
    sealed record Stored(string Key, string Commit, TrainingJob Job);

    static Dictionary<string, Stored> Jobs() => JsonSerializer.Deserialize<Dictionary<string, Stored>>(File.ReadAllText(
        Path.Combine(TestEnvironment.Settings.Root, "src", "MiaRepro.Tests", "Training", "golden", "pre-lleaks-jobs.json")),
        new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    [TestCase("target"), TestCase("shadow")]
    public void Key_JobStoredBeforeLLeaks_SameKeyToday(string role)
    {
        var stored = Jobs()[role];
        Assert.That(stored.Job.Key(), Is.EqualTo(stored.Key), Encoding.UTF8.GetString(JobKey.Canonical(stored.Job)));
    }

    /// <summary>shadows:model (Table 4) unset: the shadow's model is the target's, so the stored shadow keeps its key;
    /// set, the shadow is another model with another key.</summary>
    [Test]
    public void Key_ShadowModelUnset_SameKeyAsStored_SetDiffers()
    {
        var stored = Jobs()["shadow"];
        var spec = new MiaRepro.Experiments.ExperimentSpec { Model = stored.Job.Model, Training = stored.Job.Training };
        var draw = new MiaRepro.Experiments.ShadowAttack.ShadowDraw("all", [1, 2], "all", [3, 4]);
        TrainingJob Built() => MiaRepro.Experiments.ShadowAttack.ShadowAttackJobs.Shadow(spec, stored.Job.DatasetSha256, draw, 0, 0);
        var unset = Built();
        spec.Shadows.Model = new ModelSpec { Type = "SmallVgg" };
        var set = Built();
        Assert.Multiple(() =>
        {
            Assert.That(unset.Model, Is.SameAs(stored.Job.Model));
            Assert.That(set.Model.Type, Is.EqualTo("SmallVgg"));
            // the stored job's data with the model the builder chose: unset keeps the stored key, set is another model
            Assert.That((stored.Job with { Model = unset.Model }).Key(), Is.EqualTo(stored.Key));
            Assert.That((stored.Job with { Model = set.Model }).Key(), Is.Not.EqualTo(stored.Key));
        });
    }

    [Test]
    public void Key_DefenseStudent_NewTeacherFieldsLeftOut()
    {
        var teacher = Jobs()["target"].Job;
        var student = Distillation.StudentJob(teacher, 20);
        var canonical = Encoding.UTF8.GetString(JobKey.Canonical(student));
        // The teacher as it was serialized before l-Leaks: key and temperature only.
        var before = new { student.DatasetSha256, student.SplitHash, student.Members, student.NonMembers, student.Model, student.Training, student.Seed,
            Teacher = new { Key = teacher.Key(), Temperature = 20.0 } };
        Assert.Multiple(() =>
        {
            Assert.That(canonical, Does.Not.Contain("weights").And.Not.Contain("release"));
            Assert.That(student.Key(), Is.EqualTo(JobKey.Of(before)));
        });
    }

    [Test]
    public void Key_LLeaksShadow_DiffersFromLabelShadowAndByEachSetting()
    {
        var shadow = Jobs()["shadow"].Job;
        DistillationTeacher T(double t, double a, double b, string? release = null) => new("targetkey", t) { Weights = new(a, b), Release = release };
        var keys = new[]
        {
            shadow.Key(), (shadow with { Teacher = T(20, 1, 1) }).Key(), (shadow with { Teacher = T(1, 1, 1) }).Key(),
            (shadow with { Teacher = T(20, 0.5, 1) }).Key(), (shadow with { Teacher = T(20, 1, 1, "probabilities") }).Key(),
            (shadow with { Teacher = new DistillationTeacher("targetkey", 20) }).Key(),
        };
        Assert.That(keys.Distinct().Count(), Is.EqualTo(keys.Length));
    }
}
