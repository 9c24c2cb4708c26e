using System.Numerics.Tensors;
using Chitin.Memory.Retrieval;

namespace Chitin.Memory.Tests.Retrieval;

public sealed class Int8VectorsTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(256)]
    [InlineData(1536)]
    [InlineData(300)]
    public void Quantised_dot_products_stay_within_a_percent_of_the_float_cosine(int dimensions)
    {
        var random = new Random(dimensions);
        for (var trial = 0; trial < 20; trial++)
        {
            var a = Unit(random, dimensions);
            var b = Unit(random, dimensions);
            var qa = new sbyte[dimensions];
            var qb = new sbyte[dimensions];

            var factor = Int8Vectors.Quantize(a, qa) * Int8Vectors.Quantize(b, qb);

            var cosine = Int8Vectors.Dot(qa, qb) * factor;

            Assert.InRange(cosine, TensorPrimitives.Dot<float>(a, b) - 0.01f, TensorPrimitives.Dot<float>(a, b) + 0.01f);
        }
    }

    [Fact]
    public void The_integer_dot_product_is_exact_for_every_length_and_the_extreme_values()
    {
        var random = new Random(17);
        for (var length = 0; length <= 1100; length += length < 70 ? 1 : 31)
        {
            var x = new sbyte[length];
            var y = new sbyte[length];
            for (var i = 0; i < length; i++)
            {
                // Every third pair at the extremes, where the 16-bit pair sums are largest.
                x[i] = i % 3 == 0 ? (sbyte)-127 : (sbyte)random.Next(-127, 128);
                y[i] = i % 3 == 0 ? (sbyte)(i % 2 == 0 ? -127 : 127) : (sbyte)random.Next(-127, 128);
            }

            var expected = 0;
            for (var i = 0; i < length; i++)
            {
                expected += x[i] * y[i];
            }

            Assert.Equal(expected, Int8Vectors.Dot(x, y));
        }
    }

    [Fact]
    public void The_largest_magnitude_may_be_negative_and_zero_vectors_quantise_to_zero()
    {
        var target = new sbyte[3];

        var factor = Int8Vectors.Quantize([-0.9f, 0.3f, 0.1f], target);

        Assert.Equal(new sbyte[] { -127, 42, 14 }, target);
        Assert.Equal(0.9f / 127, factor, 6);
        Assert.Equal(0, Int8Vectors.Quantize([0f, 0f, 0f], target));
        Assert.Equal(new sbyte[3], target);
    }

    private static float[] Unit(Random random, int dimensions)
    {
        var vector = Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        TensorPrimitives.Divide(vector, TensorPrimitives.Norm<float>(vector), vector);
        return vector;
    }
}
