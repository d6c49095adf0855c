import type { Product, ProductInput, ProductType } from '../../../../../src-shared/contract/methods/products.js';
import { fenToYuan, yuanToFen } from '../money.js';

/** The product form as the owner fills it: money as 元 text, the template as plain text. */
export interface ProductFormValues {
  code: string;
  name: string;
  type: ProductType;
  faceValue: string;
  price: string;
  lowStockThreshold: number;
  reusable: boolean;
  deliveryTemplate: string;
  components: { productId?: number; quantity: number }[];
}

export const DEFAULT_LOW_STOCK = 10;

export function toFormValues(product?: Product): ProductFormValues {
  if (!product) {
    return { code: '', name: '', type: 'card', faceValue: '', price: '', lowStockThreshold: DEFAULT_LOW_STOCK, reusable: false, deliveryTemplate: '', components: [] };
  }
  return {
    code: product.code,
    name: product.name,
    type: product.type,
    faceValue: product.faceValueFen === null ? '' : fenToYuan(product.faceValueFen),
    price: fenToYuan(product.priceFen),
    lowStockThreshold: product.lowStockThreshold,
    reusable: product.reusable,
    deliveryTemplate: product.deliveryTemplate ?? '',
    components: product.components.map((c) => ({ productId: c.productId, quantity: c.quantity })),
  };
}

/** Form → `products.save` input. The form's rules have already checked the 元 fields. */
export function toProductInput(values: ProductFormValues, id?: number): ProductInput {
  const template = values.deliveryTemplate.trim();
  return {
    ...(id !== undefined && { id }),
    code: values.code.trim(),
    name: values.name.trim(),
    type: values.type,
    faceValueFen: values.faceValue.trim() === '' ? null : yuanToFen(values.faceValue),
    priceFen: yuanToFen(values.price),
    lowStockThreshold: values.lowStockThreshold,
    reusable: values.type === 'card' && values.reusable,
    // Empty means "use the default template", which the dispatcher owns.
    deliveryTemplate: template === '' ? null : template,
    components: values.type === 'combo' ? values.components.filter((c) => c.productId !== undefined).map((c) => ({ productId: c.productId!, quantity: c.quantity })) : [],
  };
}

const serverToForm: Record<string, string> = { priceFen: 'price', faceValueFen: 'faceValue' };

/** A field path in a server issue (`priceFen`, `components.0.productId`) → the form's field name. */
export function formFieldOf(serverField: string): (string | number)[] {
  const [head = '', ...rest] = serverField.split('.');
  return [serverToForm[head] ?? head, ...rest.map((part) => (/^\d+$/.test(part) ? Number(part) : part))];
}

export const FORM_FIELDS: readonly string[] = ['code', 'name', 'type', 'faceValue', 'price', 'lowStockThreshold', 'reusable', 'deliveryTemplate', 'components'];
