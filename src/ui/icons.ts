// 24×24 stroke icons (drawn for Trove), keyed by screen.
export const icons = {
  Sell: 'M4 7h16l-1.5 11.5a2 2 0 0 1-2 1.5h-9a2 2 0 0 1-2-1.5L4 7Zm4 0V6a4 4 0 0 1 8 0v1',
  Catalogue: 'M12 3l8 5-8 5-8-5 8-5Zm-8 9l8 5 8-5M4 16l8 5 8-5',
  Stock: 'M3 8l9-5 9 5v8l-9 5-9-5V8Zm0 0l9 5 9-5m-9 5v8',
  Count: 'M4 6h2m4 0h10M4 12h2m4 0h10M4 18h2m4 0h10',
  Insights: 'M4 20V10m6 10V4m6 16v-7m4 7H2',
  Settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm7.4-3a7.4 7.4 0 0 0-.1-1.2l2-1.6-2-3.4-2.4 1a7.5 7.5 0 0 0-2-1.2L14.5 3h-5l-.4 2.6a7.5 7.5 0 0 0-2 1.2l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.4l-2 1.6 2 3.4 2.4-1a7.5 7.5 0 0 0 2 1.2l.4 2.6h5l.4-2.6a7.5 7.5 0 0 0 2-1.2l2.4 1 2-3.4-2-1.6c.1-.4.1-.8.1-1.2Z',
} as const;
