namespace Mast3r.Training.Optim;

/// <summary>
/// Learning rate of the official recipe (mirrors croco <c>utils.misc.adjust_learning_rate</c>): linear warm-up to
/// <c>lr</c> over <c>warmup_epochs</c>, then a half-cycle cosine down to <c>min_lr</c> at <c>epochs</c>. The epoch is
/// fractional: epoch + iteration / iterations per epoch.
/// </summary>
internal sealed record LrSchedule(double Lr, double MinLr, double WarmupEpochs, double Epochs)
{
    public double At(double epoch)
    {
        if (epoch < WarmupEpochs) return Lr * epoch / WarmupEpochs;
        return MinLr + (Lr - MinLr) * 0.5 * (1.0 + Math.Cos(Math.PI * (epoch - WarmupEpochs) / (Epochs - WarmupEpochs)));
    }
}
