/** dualtape jmh module (work in progress). */
package org.dualtape.jmh;
