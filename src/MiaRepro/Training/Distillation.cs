using MiaRepro.Data;
using static TorchSharp.torch;

namespace MiaRepro.Training;

/// <summary>
/// Knowledge distillation as a defense (Hinton et al.): a student with the teacher's architecture, training, data and
/// seed, fitted to the teacher's soft labels on the same members at temperature T instead of the labels. One place for
/// the student's job (the teacher's, plus <see cref="TrainingJob.Teacher"/>), so a student is named by its teacher's key
/// wherever it is trained (defense matrix, shadow-attack claims).
/// </summary>
public static class Distillation
{
    public static TrainingJob StudentJob(TrainingJob teacher, double temperature) =>
        teacher with { Teacher = new DistillationTeacher(teacher.Key(), temperature) };

    /// <param name="teacherLogits">The teacher's logits on <paramref name="members"/>; called (and its tensor disposed) only
    /// when the student is not in the cache.</param>
    public static TrainedModel Student(ModelCache cache, TrainingJob teacher, Func<Tensor> teacherLogits, double temperature,
        LabelledData members, LabelledData nonMembers, Device device, Action<EpochRecord>? onEpoch) =>
        Train(cache, StudentJob(teacher, temperature), teacherLogits, members, nonMembers, device, onEpoch);

    /// <summary>A student from the store, or trained and stored; and whether it was trained.</summary>
    public static (TrainedModel Model, bool Trained) Student(ModelCache cache, TrainingJob job, Func<Tensor> teacherLogits,
        LabelledData members, LabelledData nonMembers, Device device, Action<EpochRecord>? onEpoch) =>
        cache.TryGet(job, Builder(job, members)) is { } stored
            ? (stored, false) : (Train(cache, job, teacherLogits, members, nonMembers, device, onEpoch), true);

    /// <summary>Any student: <paramref name="job"/> names its teacher (key, temperature, l-Leaks' weights), which need
    /// not share its data: an l-Leaks shadow is fitted on the attacker's shadow set to the target's outputs there.</summary>
    public static TrainedModel Train(ModelCache cache, TrainingJob job, Func<Tensor> teacherLogits,
        LabelledData members, LabelledData nonMembers, Device device, Action<EpochRecord>? onEpoch)
    {
        var teacher = job.Teacher ?? throw new ArgumentException("Distillation.Train needs a job with a teacher.");
        return cache.GetOrTrain(job, Builder(job, members), s =>
        {
            using var soft = teacherLogits();
            return new Trainer(job.Training, device) { OnEpoch = onEpoch, Teacher = (soft, teacher.Temperature), Weights = teacher.Weights }
                .Train(s, members, nonMembers, job.Seed);
        });
    }

    /// <summary>The student's fresh model, seeded by its job (what the store rebuilds a stored one into).</summary>
    static Func<nn.Module<Tensor, Tensor>> Builder(TrainingJob job, LabelledData members) =>
        () => { manual_seed(job.Seed); return job.Model.Build(members.Features.shape[1..], members.Classes); };
}
