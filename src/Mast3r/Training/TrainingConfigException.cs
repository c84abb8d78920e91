namespace Mast3r.Training;

/// <summary>
/// A training configuration the suite cannot honour: a criterion or dataset string that does not parse, names an
/// unknown class or argument, or asks for something not ported. The message says which and why.
/// </summary>
public sealed class TrainingConfigException(string message) : Exception(message);
