namespace Chitin.Core.Context;

/// <summary>Counts tokens the way the model's tokenizer would (or a safe estimate of it).</summary>
public interface ITokenCounter
{
    int CountTokens(string text);
}
