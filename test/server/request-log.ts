// Counts of the Elasticsearch requests served, per route template, so tests can count round trips.

export class RequestLog {
  private total = 0;
  private byRoute = new Map<string, number>();

  record(method: string, route: string): void {
    this.total++;
    const key = `${method} ${route}`;
    this.byRoute.set(key, (this.byRoute.get(key) ?? 0) + 1);
  }

  snapshot(): { total: number; byRoute: Record<string, number> } {
    return { total: this.total, byRoute: Object.fromEntries([...this.byRoute].sort(([a], [b]) => (a < b ? -1 : 1))) };
  }

  reset(): void {
    this.total = 0;
    this.byRoute.clear();
  }
}
