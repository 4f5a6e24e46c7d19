// The one React context that hands the stores to components; components select narrowly with useStore.
import { createContext, useContext, type ReactNode } from 'react';
import type { Stores } from './createStores.ts';

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext value={stores}>{children}</StoresContext>;
}

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores() is used outside <StoresProvider>.');
  return stores;
}
