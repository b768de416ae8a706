// A scrolling list that keeps only the rows near the viewport in the DOM (plus the focused one), with rows of
// any height: heights start as an estimate, are measured once rendered and re-measured when a row resizes.
// Keyboard: roving tabindex, arrows / Page Up / Page Down / Home / End move between rows.

export interface VirtualListOptions {
  /** ARIA role of the scroll container ('feed' for cards, 'listbox' for the item picker). */
  role: 'feed' | 'listbox';
  rowRole: 'article' | 'option';
  label: string;
  className: string;
  estimatedHeight: number;
  /** Builds the content of row `index` (0-based); the list owns the row element's position and focus attributes. */
  render(index: number, row: HTMLElement): void;
  onFocusRow?(index: number): void;
  onActivate?(index: number): void;
  onScroll?(scrollTop: number): void;
}

const OVERSCAN_PX = 400;

export class VirtualList {
  readonly element: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rows = new Map<number, HTMLElement>();
  private heights: number[] = [];
  private offsets: number[] = [0];
  private count = 0;
  private focusIndex = 0;
  private layoutQueued = false;
  private readonly resizeObserver: ResizeObserver;

  constructor(private readonly options: VirtualListOptions) {
    this.element = document.createElement('div');
    this.element.className = `virtual-list ${options.className}`;
    this.element.setAttribute('role', options.role);
    this.element.setAttribute('aria-label', options.label);
    this.spacer = document.createElement('div');
    this.spacer.className = 'virtual-spacer';
    this.element.appendChild(this.spacer);
    this.element.addEventListener('scroll', () => {
      this.queueLayout();
      options.onScroll?.(this.element.scrollTop);
    });
    this.element.addEventListener('keydown', (e) => this.onKey(e));
    this.resizeObserver = new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) changed = this.measure(entry.target as HTMLElement) || changed;
      if (changed) this.queueLayout();
    });
    new ResizeObserver(() => this.queueLayout()).observe(this.element);
  }

  get size(): number {
    return this.count;
  }

  get focusedIndex(): number {
    return this.focusIndex;
  }

  /** Number of row elements currently in the DOM (bounded by the viewport, not by the list length). */
  get renderedRows(): number {
    return this.rows.size;
  }

  /** Sets the row count; `reset` forgets rendered rows and measured heights (a different list). */
  setCount(count: number, reset = false): void {
    if (reset) {
      for (const row of this.rows.values()) this.removeRow(row);
      this.rows.clear();
      this.heights = [];
      this.focusIndex = 0;
    }
    this.count = count;
    this.heights.length = count;
    for (let i = 0; i < count; i++) if (this.heights[i] === undefined) this.heights[i] = this.options.estimatedHeight;
    if (this.focusIndex >= count) this.focusIndex = Math.max(0, count - 1);
    if (this.options.role === 'feed') for (const row of this.rows.values()) row.setAttribute('aria-setsize', String(count));
    this.layout();
  }

  /** Re-renders the given rows (or all rendered rows) because their data changed. */
  refresh(indices?: Iterable<number>): void {
    const targets = indices ? [...indices].filter((i) => this.rows.has(i)) : [...this.rows.keys()];
    for (const i of targets) {
      const row = this.rows.get(i)!;
      const hadFocus = row.contains(document.activeElement);
      row.replaceChildren();
      this.options.render(i, row);
      if (hadFocus) row.focus({ preventScroll: true });
    }
    this.queueLayout();
  }

  setScrollTop(top: number): void {
    this.element.scrollTop = top;
    this.layout();
  }

  /** Scrolls row `index` into view and optionally focuses it. */
  reveal(index: number, focus: boolean): void {
    if (index < 0 || index >= this.count) return;
    this.setFocusIndex(index);
    const top = this.offsets[index];
    const bottom = top + this.heights[index];
    const view = this.element.clientHeight;
    if (top < this.element.scrollTop) this.element.scrollTop = top;
    else if (bottom > this.element.scrollTop + view) this.element.scrollTop = Math.max(0, bottom - view);
    this.layout();
    if (focus) this.rows.get(index)?.focus({ preventScroll: true });
  }

  rowElement(index: number): HTMLElement | undefined {
    return this.rows.get(index);
  }

  private setFocusIndex(index: number): void {
    const previous = this.rows.get(this.focusIndex);
    previous?.setAttribute('tabindex', '-1');
    this.focusIndex = index;
    this.rows.get(index)?.setAttribute('tabindex', '0');
    this.options.onFocusRow?.(index);
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    if (!target.classList.contains('virtual-row')) return;
    const index = Number(target.dataset.index);
    const page = Math.max(1, Math.floor(this.element.clientHeight / this.options.estimatedHeight));
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: this.count - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      this.reveal(Math.min(this.count - 1, Math.max(0, moves[e.key])), true);
    } else if ((e.key === 'Enter' || e.key === ' ') && this.options.onActivate) {
      e.preventDefault();
      this.options.onActivate(index);
    }
  }

  private queueLayout(): void {
    if (this.layoutQueued) return;
    this.layoutQueued = true;
    requestAnimationFrame(() => {
      this.layoutQueued = false;
      this.layout();
    });
  }

  private computeOffsets(): void {
    const offsets = new Array<number>(this.count + 1);
    offsets[0] = 0;
    for (let i = 0; i < this.count; i++) offsets[i + 1] = offsets[i] + this.heights[i];
    this.offsets = offsets;
  }

  private firstVisible(top: number): number {
    let lo = 0,
      hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.offsets[mid + 1] <= top) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Places the rows around the viewport; re-runs (bounded) while fresh measurements change heights. */
  private layout(): void {
    for (let pass = 0; pass < 3; pass++) {
      this.computeOffsets();
      this.spacer.style.height = `${this.offsets[this.count]}px`;
      if (this.count === 0) {
        for (const row of this.rows.values()) this.removeRow(row);
        this.rows.clear();
        return;
      }
      const scrollTop = this.element.scrollTop;
      const anchor = this.firstVisible(scrollTop);
      const anchorShift = scrollTop - this.offsets[anchor];
      const view = this.element.clientHeight || 600;
      const first = this.firstVisible(Math.max(0, scrollTop - OVERSCAN_PX));
      let last = first;
      while (last < this.count - 1 && this.offsets[last + 1] < scrollTop + view + OVERSCAN_PX) last++;

      for (const [i, row] of this.rows) {
        const keepForFocus = i === this.focusIndex && row.contains(document.activeElement);
        if ((i < first || i > last || i >= this.count) && !keepForFocus) {
          this.removeRow(row);
          this.rows.delete(i);
        }
      }
      let measuredChange = false;
      for (let i = first; i <= last; i++) {
        if (this.rows.has(i)) continue;
        const row = this.createRow(i);
        this.rows.set(i, row);
        this.element.appendChild(row);
        this.resizeObserver.observe(row);
        measuredChange = this.measure(row) || measuredChange;
      }
      for (const [i, row] of this.rows) row.style.transform = `translateY(${this.offsets[i]}px)`;
      if (!measuredChange) return;
      // Heights above the viewport changed: keep the first visible row where the reader saw it.
      this.computeOffsets();
      if (anchor > 0) this.element.scrollTop = this.offsets[anchor] + anchorShift;
    }
    this.computeOffsets();
    this.spacer.style.height = `${this.offsets[this.count]}px`;
    for (const [i, row] of this.rows) row.style.transform = `translateY(${this.offsets[i]}px)`;
  }

  private createRow(index: number): HTMLElement {
    const row = document.createElement('div');
    row.className = 'virtual-row';
    row.dataset.index = String(index);
    row.setAttribute('role', this.options.rowRole);
    row.setAttribute('tabindex', index === this.focusIndex ? '0' : '-1');
    if (this.options.role === 'feed') {
      row.setAttribute('aria-posinset', String(index + 1));
      row.setAttribute('aria-setsize', String(this.count));
    }
    row.addEventListener('focus', () => {
      if (this.focusIndex !== index) this.setFocusIndex(index);
    });
    if (this.options.onActivate) row.addEventListener('click', () => this.options.onActivate!(index));
    this.options.render(index, row);
    return row;
  }

  private removeRow(row: HTMLElement): void {
    this.resizeObserver.unobserve(row);
    row.remove();
  }

  /** Records a row's rendered height; true when it differs from what the layout assumed. */
  private measure(row: HTMLElement): boolean {
    const index = Number(row.dataset.index);
    if (!row.isConnected || !(index < this.count)) return false;
    const height = row.offsetHeight;
    if (height === 0 || height === this.heights[index]) return false;
    this.heights[index] = height;
    return true;
  }
}
