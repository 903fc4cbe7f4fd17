namespace KenpoBot.EndToEnd.Tests;

/// <summary>One bot, one Playground and one browser for every end-to-end class: they run one after another in the same chat.</summary>
[CollectionDefinition(Name)]
public sealed class PlaygroundCollection : ICollectionFixture<PlaygroundFixture>
{
    public const string Name = "Playground";
}
