import type { PurchaseOrderStatus } from '../../../../domain/inventory/purchase-order';

export const STATUS_LABELS: Record<PurchaseOrderStatus, string> = {
  draft: 'Draft',
  sent: 'Sent',
  'partly-received': 'Partly received',
  received: 'Received',
  cancelled: 'Cancelled',
};
