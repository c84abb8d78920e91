namespace Mast3r.Matching;

/// <summary>Nearest neighbour by maximum dot product from rows of one map into all rows of the other.</summary>
internal interface INearestSearch
{
    /// <summary>For each given query row of the source map, the first database row with the largest dot product.</summary>
    int[] Nearest(int[] queryRows);
}
