namespace Mast3r.Metrics;

/// <summary>RRA@15, RTA@15 and mAA(30) in percent over a number of pairs.</summary>
internal sealed record MultiViewPoseScores(double Rra15, double Rta15, double Maa30, int Pairs);
