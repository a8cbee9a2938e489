import type { JewelryAttributes } from '../fields';
import type { Product } from '../product';
import type { Item } from '../item';

/** The internal fields every known CSV header maps onto (one row shape for every format). */
export const FIELDS = [
  'handle',
  'title',
  'description',
  'descriptionHtml',
  'vendor',
  'supplier',
  'type',
  'category',
  'collection',
  'season',
  'productTags',
  'productStatus',
  'productPhotoIds',
  'variationName',
  'sku',
  'barcode',
  'price',
  'compareAtPrice',
  'cost',
  'supplierSku',
  'reorderPoint',
  'reorderQty',
  'quantity',
  'location',
  'tracking',
  'itemTags',
  'metal',
  'purity',
  'stone',
  'caratWeight',
  'grams',
  'shippingGrams',
  'size',
  'certificate',
  'notes',
  'itemStatus',
  'itemPhotoIds',
  'imageSrc',
  'imagePosition',
  'variantImage',
] as const;
export type Field = (typeof FIELDS)[number];

/** Where one column of the file goes. Options and per-location quantities carry their index/name. */
export type Target =
  | { kind: 'field'; field: Field }
  | { kind: 'optionName' | 'optionValue' | 'optionValues'; index: number }
  | { kind: 'locationQuantity'; location: string };

export interface ColumnMapping {
  column: number;
  header: string;
  /** Null = unmapped (ignored), with `note` saying why when it is a duplicate. */
  target: Target | null;
  label: string;
}

export type FormatId = 'trove' | 'shopify' | 'shopify-2024' | 'square' | 'lightspeed-x' | 'lightspeed-r' | 'generic';

export interface CsvFormat {
  id: FormatId;
  name: string;
  /** How lists (tags, barcodes) are written in one cell. */
  listSeparator: ',' | '|';
  /** Trove's own export prefixes formula-like cells with ' — stripped again on import. */
  unescapesFormulas: boolean;
}

/** One data record of the file after mapping: trimmed texts by field, plus options and locations. */
export interface MappedRow {
  /** The physical line the record starts on (header = line 1). */
  line: number;
  fields: Partial<Record<Field, string>>;
  barcodes: string[];
  optionNames: Map<number, string>;
  optionValues: Map<number, string>;
  declaredValues: Map<number, string>;
  locationQuantities: Map<string, string>;
}

export type ProblemCode =
  | 'missing-title'
  | 'missing-price'
  | 'bad-price'
  | 'bad-quantity'
  | 'bad-number'
  | 'bad-value'
  | 'duplicate-sku'
  | 'duplicate-barcode'
  | 'duplicate-variant'
  | 'unknown-option'
  | 'missing-option-value'
  | 'bad-csv'
  | 'no-columns'
  | 'skipped';

export interface RowProblem {
  line: number;
  code: ProblemCode;
  message: string;
}

export interface Quantity {
  /** Location name as written in the file; null = the shop's default location. */
  location: string | null;
  quantity: number;
}

export type PlannedItem = Omit<Item, 'supplierId'> & {
  line: number;
  skuGenerated: boolean;
  /** Supplier by name (resolved to an id, or created, when the plan is written). */
  supplier: string | null;
  imageUrl: string | null;
  quantities: Quantity[];
};

/** Category and collection come by name: made on first use when the plan is written. */
export type PlannedProduct = Omit<Product, 'categoryId' | 'collectionId'> & {
  line: number;
  handle: string;
  /** Category name from Type / Product Category ('' = none); its code goes into generated SKUs. */
  category: string;
  collection: string;
  /** Image URLs, in Image Position order, kept as text until photos are fetched. */
  imageUrls: string[];
  items: PlannedItem[];
};

export interface PlanCounts {
  /** Non-empty data records in the file. */
  records: number;
  validRows: number;
  invalidRows: number;
  products: number;
  items: number;
  imageRows: number;
  images: number;
  generatedSkus: number;
  units: number;
  receipts: number;
}

export interface ImportPlan {
  format: CsvFormat;
  columns: ColumnMapping[];
  unmapped: string[];
  products: PlannedProduct[];
  newSuppliers: string[];
  newLocations: string[];
  newCategories: string[];
  newCollections: string[];
  /** Some quantities have no location column: they go to the default (shop floor) location. */
  usesDefaultLocation: boolean;
  problems: RowProblem[];
  counts: PlanCounts;
}

/** What the plan needs to know about the catalogue already on the device. */
export interface PlanContext {
  /** Whether a normalised code is already an item's SKU or barcode in the catalogue (one namespace: a scan must find one item). */
  codeTaken: (normalisedCode: string) => boolean;
  /** Where this device's generated-SKU sequence stands (the next number to try). */
  firstSequence?: number;
  supplierNames: readonly string[];
  locationNames: readonly string[];
  /** Existing categories; a category's own code (if set) goes into generated SKUs instead of its name. */
  categories: readonly { name: string; code?: string }[];
  collectionNames: readonly string[];
  registerCode: string;
  skuPattern?: string;
  /** Minor digits of the shop currency (2 for USD/EUR, 0 for JPY). */
  currencyDigits?: number;
}

export type { JewelryAttributes };
