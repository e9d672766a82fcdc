using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Navigation;

namespace Quartiersnetz.Features.EditorialPages;

/// <summary>A page's place in the tree, without its text.</summary>
internal sealed record PageNode(Guid Id, Guid? ParentId, string Slug, string Title, int SortOrder, bool ShowInNavigation, bool Published, string? SystemKey);

/// <summary>
/// The whole page tree (a few dozen rows, no texts), read in one query. Paths, breadcrumbs, sub-page lists, the
/// navigation and the move check all work on it in memory.
/// </summary>
internal sealed class PageTree
{
    public const string PathPrefix = "/seiten/";

    private readonly Dictionary<Guid, PageNode> _byId;
    private readonly Dictionary<Guid, List<PageNode>> _children = [];
    private readonly List<PageNode> _topLevel = [];

    public PageTree(IEnumerable<PageNode> nodes)
    {
        var ordered = nodes.OrderBy(n => n.SortOrder).ThenBy(n => n.Title, StringComparer.Ordinal).ToList();
        _byId = ordered.ToDictionary(n => n.Id);
        foreach (var node in ordered)
        {
            if (node.SystemKey is not null)
            {
                continue;
            }

            if (node.ParentId is { } parent)
            {
                if (!_children.TryGetValue(parent, out var list))
                {
                    _children[parent] = list = [];
                }

                list.Add(node);
            }
            else
            {
                _topLevel.Add(node);
            }
        }

        SystemPages = [.. ordered.Where(n => n.SystemKey is not null)];
    }

    /// <summary>Pages that fill a fixed page of the app; not part of the tree.</summary>
    public IReadOnlyList<PageNode> SystemPages { get; }

    public static async Task<PageTree> LoadAsync(QuartiersnetzDbContext db, CancellationToken cancellationToken) =>
        new(await db.Set<EditorialPage>().AsNoTracking()
            .Select(p => new PageNode(p.Id, p.ParentId, p.Slug, p.Title, p.SortOrder, p.ShowInNavigation, p.Published, p.SystemKey))
            .ToListAsync(cancellationToken));

    public PageNode? Find(Guid id) => _byId.GetValueOrDefault(id);

    /// <summary>The children of a page (or the top level for null), in their order.</summary>
    public IReadOnlyList<PageNode> ChildrenOf(Guid? parentId) =>
        parentId is { } id ? _children.GetValueOrDefault(id) ?? [] : _topLevel;

    /// <summary>The pages above this one, from the top down.</summary>
    public IReadOnlyList<PageNode> AncestorsOf(Guid id)
    {
        var chain = new List<PageNode>();
        var current = Find(id);
        // The guard stops on a broken (cyclic) tree instead of looping; moves refuse cycles, so it never should.
        while (current?.ParentId is { } parentId && Find(parentId) is { } parent && chain.Count < 64)
        {
            chain.Insert(0, parent);
            current = parent;
        }

        return chain;
    }

    /// <summary>"ueber-uns/geschichte"</summary>
    public string PathOf(Guid id) => string.Join('/', AncestorsOf(id).Append(_byId[id]).Select(n => n.Slug));

    public string UrlOf(Guid id) => PathPrefix + PathOf(id);

    /// <summary>The public sees a page when it and every page above it are published.</summary>
    public bool IsPublic(Guid id) =>
        Find(id) is { SystemKey: null, Published: true } && AncestorsOf(id).All(a => a.Published);

    /// <summary>The page at a path of slugs, published or not; null when there is none.</summary>
    public PageNode? Resolve(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        PageNode? current = null;
        foreach (var slug in path.Trim('/').Split('/'))
        {
            current = ChildrenOf(current?.Id).FirstOrDefault(n => string.Equals(n.Slug, slug, StringComparison.Ordinal));
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>True when <paramref name="candidate"/> is <paramref name="page"/> itself or lies anywhere below it.</summary>
    public bool IsSelfOrDescendant(Guid candidate, Guid page) =>
        candidate == page || AncestorsOf(candidate).Any(a => a.Id == page);

    /// <summary>Every tree page depth-first with its depth (0 = top level), as the office's tree and the parent choice show them.</summary>
    public IEnumerable<(PageNode Node, int Depth)> Flatten()
    {
        var stack = new Stack<(PageNode, int)>(_topLevel.AsEnumerable().Reverse().Select(n => (n, 0)));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            yield return (node, depth);
            foreach (var child in ChildrenOf(node.Id).Reverse())
            {
                stack.Push((child, depth + 1));
            }
        }
    }
}

/// <summary>
/// Keeps the tree in memory between requests, because the layout needs it on every page for the navigation. A saved
/// change of a page (<see cref="PageTreeChangeInterceptor"/>) makes the next request read it again; a change saved on
/// another app node is followed within a minute, when the kept tree expires.
/// </summary>
internal sealed class PageTreeCache(IMemoryCache cache)
{
    private static readonly object Key = new();
    private long _version;

    private sealed record Entry(long Version, PageTree Tree);

    public async Task<PageTree> GetAsync(QuartiersnetzDbContext db, CancellationToken cancellationToken)
    {
        // Read the version before the tree: a change saved while it loads makes the next request load it again.
        var current = Interlocked.Read(ref _version);
        if (cache.TryGetValue(Key, out Entry? entry) && entry is not null && entry.Version == current)
        {
            return entry.Tree;
        }

        var tree = await PageTree.LoadAsync(db, cancellationToken);
        cache.Set(Key, new Entry(current, tree), TimeSpan.FromSeconds(60));
        return tree;
    }

    /// <summary>Drops the kept tree: the next request reads it from the database.</summary>
    public void Changed() => Interlocked.Increment(ref _version);
}

/// <summary>
/// Tells <see cref="PageTreeCache"/> when a SaveChanges added, changed or deleted a page, after the save and again
/// when its transaction commits (a tree read between the two would otherwise be kept with the old state).
/// </summary>
internal sealed class PageTreeChangeInterceptor(PageTreeCache trees) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, object> Pending = [];
    private static readonly object Marker = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => AfterCommit(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        AfterCommit(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Mark(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<EditorialPage>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            Pending.AddOrUpdate(context, Marker);
        }
    }

    private void AfterSave(DbContext? context)
    {
        if (context is null || !Pending.TryGetValue(context, out _))
        {
            return;
        }

        trees.Changed();
        if (context.Database.CurrentTransaction is null)
        {
            Pending.Remove(context);
        }
    }

    private static void Forget(DbContext? context)
    {
        if (context is not null)
        {
            Pending.Remove(context);
        }
    }

    private void AfterCommit(DbContext? context)
    {
        if (context is not null && Pending.Remove(context))
        {
            trees.Changed();
        }
    }
}

/// <summary>Published top-level pages marked for the navigation, after the features' own entries.</summary>
internal sealed class EditorialNavigation(QuartiersnetzDbContext db, PageTreeCache trees) : INavigationEntrySource
{
    /// <summary>After the public directory entries (up to 30), before the role-bound ones (80 and up).</summary>
    private const int FirstOrder = 50;

    public async Task<IReadOnlyList<NavigationEntry>> EntriesAsync(CancellationToken cancellationToken)
    {
        var tree = await trees.GetAsync(db, cancellationToken);
        return [.. tree.ChildrenOf(null).Where(n => n.ShowInNavigation && n.Published)
            .Select((n, i) => new NavigationEntry(n.Title, tree.UrlOf(n.Id), FirstOrder + i) { Localize = false })];
    }
}
