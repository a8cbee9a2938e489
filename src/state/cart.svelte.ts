/**
 * The open sale. The register (issue "The register") fills it; the foundation needs only to know
 * whether a sale is in progress, because an app update must never interrupt one.
 */
export class Cart {
  lines = $state<{ itemId: string; quantity: number }[]>([]);

  get inProgress(): boolean {
    return this.lines.length > 0;
  }
}
