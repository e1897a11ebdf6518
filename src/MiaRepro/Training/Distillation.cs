using MiaRepro.Data;
using MiaRepro.Models;
using static TorchSharp.torch;

namespace MiaRepro.Training;

/// <summary>
/// Knowledge distillation as a defense (Hinton et al.): a student with the teacher's architecture and training, fitted to
/// the teacher's soft labels on the same members at temperature T instead of the labels. One place for the cache key, so a
/// student is named by its teacher's key wherever it is trained (defense matrix, shadow-attack claims).
/// </summary>
public static class Distillation
{
    /// <param name="teacherLogits">The teacher's logits on <paramref name="members"/>; called (and its tensor disposed) only
    /// when the student is not in the cache.</param>
    public static (nn.Module<Tensor, Tensor> Model, IReadOnlyList<EpochRecord> History, bool FromCache) Student(ModelCache cache,
        object teacherKey, Func<Tensor> teacherLogits, double temperature, ModelSpec model, TrainingSpec training,
        LabelledData members, LabelledData nonMembers, int seed, Device device, Action<EpochRecord>? onEpoch) =>
        cache.GetOrTrain(new { student = "distillation", temperature, teacher = teacherKey },
            () => { manual_seed(seed); return model.Build(members.Features.shape[1..], members.Classes); }, s =>
        {
            using var soft = teacherLogits();
            return new Trainer(training, device) { OnEpoch = onEpoch, Teacher = (soft, temperature) }.Train(s, members, nonMembers, seed);
        });
}
