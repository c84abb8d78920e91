namespace Mast3r.Model;

/// <summary>The model string cannot be parsed or names a configuration this port does not implement.</summary>
public sealed class ModelConfigException(string message) : Exception(message);
