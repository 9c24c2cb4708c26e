namespace Chitin.Memory.Evaluation;

/// <summary>
/// One way of stating a fact, with the keyword query and the morphological-variant query that ask for it in that
/// wording. Placeholders in braces ("{N}", "{Editor}") are filled from the fact's slots.
/// </summary>
internal sealed record FactShape(string Text, string Keyword, string Morph);
