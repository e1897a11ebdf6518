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
        LabelledData members, LabelledData nonMembers, Device device, Action<EpochRecord>? onEpoch)
    {
        var job = StudentJob(teacher, temperature);
        return cache.GetOrTrain(job,
            () => { manual_seed(job.Seed); return job.Model.Build(members.Features.shape[1..], members.Classes); }, s =>
        {
            using var soft = teacherLogits();
            return new Trainer(job.Training, device) { OnEpoch = onEpoch, Teacher = (soft, temperature) }.Train(s, members, nonMembers, job.Seed);
        });
    }
}
