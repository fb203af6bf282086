/** Nodes that load their children, and the listing helpers they share. */
import type { Page, Priority, ReadOptions, Result } from '../../../aws/gateway';
import { ExplorerNode, type ExplorerEnv, type LoadMode, type PagedNode } from './base';
import { MessageNode } from './message';

/** The request options of a listing: its priority, and no cached answer when fresh. */
export const listingOptions = (priority: Priority, fresh: boolean): ReadOptions => ({
  priority,
  ...(fresh ? { maxAge: 0 } : {}),
});

/**
 * Reads up to `pagesWanted` pages. A failed first page is the failure; a failed later page keeps
 * what was read, with the token of the page that failed (so "Load more" stays).
 */
export async function readPages<T>(
  pagesWanted: number,
  read: (token: string | undefined) => Promise<Result<Page<T>>>,
): Promise<Result<{ items: T[]; nextToken: string | undefined }>> {
  const items: T[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const r = await read(token);
    if (!r.ok) {
      if (items.length === 0) return { ok: false, error: r.error };
      break;
    }
    items.push(...r.value.items);
    token = r.value.nextToken;
    pages++;
  } while (token && pages < pagesWanted);
  return { ok: true, value: { items, nextToken: token } };
}

export abstract class LoadingNode extends ExplorerNode {
  /** Children shown last time, kept when a refresh fails. */
  private shown: ExplorerNode[] | undefined;

  /** Loads children. */
  protected abstract load(mode: LoadMode): Promise<Result<ExplorerNode[]>>;

  override async children(priority: Priority = 'interactive'): Promise<ExplorerNode[]> {
    const fresh = this.freshNext;
    this.freshNext = false;
    let result: Result<ExplorerNode[]>;
    try {
      result = await this.load({ priority, fresh });
    } catch (error) {
      // A bug, not an AWS error: still show something useful rather than a broken tree.
      result = {
        ok: false,
        error: {
          kind: 'Unknown',
          message: 'Could not list this item. See the ECS Workbench log.',
          detail: String(error),
        },
      };
    }
    if (result.ok) {
      this.shown = result.value;
      return result.value;
    }
    const message = new MessageNode(this, result.error);
    // Keep what was shown: a failed refresh must not empty the tree.
    return this.shown ? [message, ...this.shown.filter((n) => !(n instanceof MessageNode))] : [message];
  }
}

/** A node whose children come in pages: "Load more" asks for one page more and renders again. */
export abstract class PagedLoadingNode extends LoadingNode implements PagedNode {
  /** Pages to show; each "Load more" adds one. */
  protected pagesWanted = 1;

  constructor(
    parent: ExplorerNode,
    protected readonly env: ExplorerEnv,
  ) {
    super(parent);
  }

  loadMore(): void {
    this.pagesWanted++;
    this.env.changed(this);
  }
}
