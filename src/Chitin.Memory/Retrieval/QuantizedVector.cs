namespace Chitin.Memory.Retrieval;

/// <summary>A unit vector quantised to int8 (<see cref="Int8Vectors"/>): the values and the factor that maps them back to floats.</summary>
internal readonly record struct QuantizedVector(sbyte[] Values, float Scale)
{
    /// <summary>L2-normalises and quantises; an empty or all-zero vector gives scale 0.</summary>
    public static QuantizedVector From(ReadOnlySpan<float> vector)
    {
        var unit = vector.ToArray();
        var norm = TensorPrimitives.Norm<float>(unit);
        if (norm > 0 && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(unit, norm, unit);
        }

        var values = new sbyte[unit.Length];
        var scale = Int8Vectors.Quantize(unit, values);
        return new QuantizedVector(values, scale);
    }
}
