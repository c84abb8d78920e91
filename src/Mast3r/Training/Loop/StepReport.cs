namespace Mast3r.Training.Loop;

/// <summary>Progress of one iteration, for a progress display.</summary>
internal sealed record StepReport(int Epoch, int Iteration, int IterationsPerEpoch, long GlobalStep, double Loss, double Lr, double PairsPerSecond);

/// <summary>Per-epoch averages written to log.txt (keys prefixed 'train_' as upstream).</summary>
internal sealed record EpochStats(int Epoch, IReadOnlyDictionary<string, double> Averages, bool Completed);

/// <summary>Training stopped on a non-finite loss; the last good checkpoint is left untouched.</summary>
internal sealed class TrainingDivergedException(string message) : Exception(message);
