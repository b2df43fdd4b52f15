namespace Chokepoint.Application.Screening;

/// <summary>How far long screening work has got: <paramref name="Done"/> parties of <paramref name="Total"/> (null
/// when the total is not known until the end, as for a file read as it goes).</summary>
public readonly record struct ScreeningProgress(string What, long Done, long? Total);
