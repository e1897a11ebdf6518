namespace MiaRepro.Training;

/// <summary>
/// Knowledge distillation as a training defense against the shadow-model attack (Hinton et al. 2015; as a membership
/// defense, Shejwalkar &amp; Houmansadr 2021): the released target is a student trained on its teacher's soft labels at
/// <see cref="Temperature"/>, the teacher being the target trained as usual on the same members. Shadows are trained
/// like the target (Shokri's attacker knows the training procedure), so each shadow is a student of its own teacher;
/// in a many-model set (lira:distillation) every member is a student of its own teacher.
/// </summary>
public sealed class DistillationSpec
{
    public double Temperature { get; set; }

    public void Validate(string key)
    {
        if (!(Temperature > 0) || double.IsInfinity(Temperature))
            throw new ArgumentException($"{key}:temperature must be a finite number > 0, not {Temperature}.");
    }
}
