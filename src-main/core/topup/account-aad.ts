/** AAD of a line's sealed recharge account: binds the ciphertext to its row. */
export const rechargeAad = (lineId: number): string => `recharge:${lineId}`;
